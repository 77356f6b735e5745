/**
 * Major Chinese cities, canonical form first (the Chinese name, as customer addresses store it),
 * then the spellings people type in English. A city not listed here is still understood in
 * "in Zibo" or "淄博市" shapes (lib/domain/ask/entities.ts) and kept as typed.
 */
export const CITIES: Record<string, string[]> = {
  北京: ['beijing', 'peking'],
  上海: ['shanghai'],
  广州: ['guangzhou', 'canton'],
  深圳: ['shenzhen'],
  天津: ['tianjin'],
  重庆: ['chongqing'],
  杭州: ['hangzhou'],
  南京: ['nanjing'],
  苏州: ['suzhou'],
  无锡: ['wuxi'],
  常州: ['changzhou'],
  宁波: ['ningbo'],
  温州: ['wenzhou'],
  成都: ['chengdu'],
  武汉: ['wuhan'],
  西安: ["xi'an", 'xian'],
  长沙: ['changsha'],
  郑州: ['zhengzhou'],
  青岛: ['qingdao'],
  济南: ['jinan'],
  烟台: ['yantai'],
  厦门: ['xiamen', 'amoy'],
  福州: ['fuzhou'],
  合肥: ['hefei'],
  南昌: ['nanchang'],
  沈阳: ['shenyang'],
  大连: ['dalian'],
  长春: ['changchun'],
  哈尔滨: ['harbin', 'haerbin'],
  石家庄: ['shijiazhuang'],
  太原: ['taiyuan'],
  呼和浩特: ['hohhot'],
  昆明: ['kunming'],
  贵阳: ['guiyang'],
  南宁: ['nanning'],
  海口: ['haikou'],
  三亚: ['sanya'],
  兰州: ['lanzhou'],
  西宁: ['xining'],
  银川: ['yinchuan'],
  乌鲁木齐: ['urumqi', 'wulumuqi'],
  拉萨: ['lhasa'],
  东莞: ['dongguan'],
  佛山: ['foshan'],
  珠海: ['zhuhai'],
  中山: ['zhongshan'],
  惠州: ['huizhou'],
  汕头: ['shantou'],
  泉州: ['quanzhou'],
  绍兴: ['shaoxing'],
  嘉兴: ['jiaxing'],
  金华: ['jinhua'],
  台州: ['taizhou'],
  徐州: ['xuzhou'],
  南通: ['nantong'],
  扬州: ['yangzhou'],
  潍坊: ['weifang'],
  洛阳: ['luoyang'],
  唐山: ['tangshan'],
  保定: ['baoding'],
  香港: ['hong kong', 'hongkong'],
  澳门: ['macau', 'macao'],
  台北: ['taipei'],
};

const BY_SPELLING = new Map<string, string>(
  Object.entries(CITIES).flatMap(([canonical, spellings]) => [
    [canonical, canonical],
    ...spellings.map((s) => [s, canonical] as [string, string]),
  ]),
);

/** The canonical name of a city as typed ("Shanghai", "上海市"), or undefined when it is not in the table. */
export function canonicalCity(typed: string): string | undefined {
  const key = typed.trim().toLowerCase();
  return BY_SPELLING.get(key) ?? BY_SPELLING.get(key.replace(/市$/, ''));
}
