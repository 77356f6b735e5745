/** Side-effect imports: each registers its jobs. One line per feature. */
export {};
import './care';
import './complaints';
import './digest';
import './surveys';
import './imports';
