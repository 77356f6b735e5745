import { createHash } from 'node:crypto';

/**
 * How a CSV row from an ERP export or a web form becomes customer input.
 * Headers may be English or Chinese; lists inside a cell are split on ; or 、.
 */
const headerAliases: Record<string, string> = {
  name: 'name',
  姓名: 'name',
  客户名称: 'name',
  名称: 'name',
  kind: 'kind',
  类型: 'kind',
  company: 'company',
  公司: 'company',
  单位: 'company',
  title: 'title',
  职务: 'title',
  salutation: 'salutation',
  称呼: 'salutation',
  phone: 'phones',
  phones: 'phones',
  电话: 'phones',
  手机: 'phones',
  email: 'emails',
  emails: 'emails',
  邮箱: 'emails',
  city: 'city',
  城市: 'city',
  region: 'region',
  省份: 'region',
  地区: 'region',
  address: 'addressLine',
  地址: 'addressLine',
  industry: 'industry',
  行业: 'industry',
  birthday: 'birthday',
  生日: 'birthday',
  source: 'source',
  来源: 'source',
  owner: 'ownerId',
  owner_id: 'ownerId',
  ownerid: 'ownerId',
  负责人: 'ownerId',
  stage: 'lifecycleStage',
  lifecycle_stage: 'lifecycleStage',
  tags: 'tags',
  标签: 'tags',
  purchase_count: 'purchaseCount',
  购买次数: 'purchaseCount',
  purchase_amount: 'purchaseAmount',
  购买金额: 'purchaseAmount',
  last_purchase_at: 'lastPurchaseAt',
  external_id: 'externalId',
  externalid: 'externalId',
  编号: 'externalId',
  key_account: 'keyAccount',
  vip: 'vip',
  locale: 'locale',
};

/** The accepted headers (English and Chinese) of each field, for docs/import.md and the OpenAPI document. */
export function acceptedHeaders(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [header, field] of Object.entries(headerAliases)) (out[field] ??= []).push(header);
  return out;
}

/** The field a header names, or undefined when it maps to nothing. */
export function knownField(header: string): string | undefined {
  const h = header.trim().toLowerCase().replace(/\s+/g, '_');
  return headerAliases[h] ?? headerAliases[header.trim()];
}

export function canonicalHeader(header: string): string {
  const h = header.trim().toLowerCase().replace(/\s+/g, '_');
  return headerAliases[h] ?? headerAliases[header.trim()] ?? header.trim();
}

const list = (v?: string) =>
  v
    ? v
        .split(/[;；、|]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
const num = (v?: string) => (v === undefined || v === '' ? undefined : Number(v.replace(/[,，\s¥$]/g, '')));
const bool = (v?: string) => (v ? /^(1|true|yes|y|是)$/i.test(v.trim()) : undefined);

const SALUTATION_WORDS: Record<string, string> = { 先生: 'mr', 女士: 'ms', 小姐: 'ms', mr: 'mr', ms: 'ms', mrs: 'ms', miss: 'ms' };
/** 先生/女士/Mr/Ms/Mrs (any case, with or without a dot); anything else is passed on for the schema to refuse. */
function salutationOf(v?: string) {
  if (!v) return undefined;
  return SALUTATION_WORDS[v.trim().toLowerCase().replace(/\.$/, '')] ?? v;
}

function birthday(v?: string) {
  if (!v) return undefined;
  const m = v.trim().match(/^(?:(\d{4})[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?$/);
  if (!m) return { invalid: v };
  return { ...(m[1] ? { year: Number(m[1]) } : {}), month: Number(m[2]), day: Number(m[3]) };
}

/** A CSV record (canonical headers) as the create-customer input; unknown columns are refused by the schema. */
export function rowToCustomerInput(row: Record<string, string>, defaultOwnerId?: string): Record<string, unknown> {
  const v = (k: string) => (row[k]?.trim() ? row[k]!.trim() : undefined);
  const input: Record<string, unknown> = {
    name: v('name'),
    kind: v('kind'),
    company: v('company'),
    title: v('title'),
    salutation: salutationOf(v('salutation')),
    phones: list(v('phones')),
    emails: list(v('emails')),
    address: v('city') || v('region') || v('addressLine') ? { city: v('city'), region: v('region'), line: v('addressLine') } : undefined,
    industry: v('industry'),
    birthday: birthday(v('birthday')),
    source: v('source'),
    ownerId: v('ownerId') ?? defaultOwnerId,
    lifecycleStage: v('lifecycleStage'),
    tags: list(v('tags')),
    purchases:
      v('purchaseCount') || v('purchaseAmount') || v('lastPurchaseAt')
        ? { count: num(v('purchaseCount')) ?? 0, amount: num(v('purchaseAmount')) ?? 0, lastPurchaseAt: v('lastPurchaseAt') }
        : undefined,
    externalId: v('externalId'),
    flags: v('keyAccount') || v('vip') ? { keyAccount: bool(v('keyAccount')) ?? false, vip: bool(v('vip')) ?? false } : undefined,
    locale: v('locale'),
  };
  // Unknown columns go through so the schema names them instead of silently dropping data.
  const known = new Set(Object.values(headerAliases));
  for (const [k, value] of Object.entries(row)) if (!known.has(k) && value?.trim()) input[k] = value;
  return Object.fromEntries(Object.entries(input).filter(([, x]) => x !== undefined));
}

/** Same row, same fingerprint: re-running an import finds what it already created. */
export function rowFingerprint(row: Record<string, string>): string {
  const canonical = Object.keys(row)
    .sort()
    .map((k) => `${k}=${(row[k] ?? '').trim()}`)
    .join('\u0000');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}
