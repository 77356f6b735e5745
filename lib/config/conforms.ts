/**
 * `Conforms<Parsed, Shape>` is `Parsed`, and fails to compile unless a parsed settings section has the shape the
 * domain declares for it, so the domain owns its settings' shape and lib/config only supplies defaults and validation.
 */
export type Conforms<Parsed extends Shape, Shape> = Parsed;
