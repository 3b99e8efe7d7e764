/**
 * Province-level prefixes of the administrative division code (GB/T 2260): the first two
 * digits of the six-digit code used in resident ID numbers and credit codes. Only the
 * province is checked — county codes change every year, and old codes stay valid in
 * numbers already issued.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  // 华北 North: Beijing, Tianjin, Hebei, Shanxi, Inner Mongolia
  '11', '12', '13', '14', '15',
  // 东北 North-east: Liaoning, Jilin, Heilongjiang
  '21', '22', '23',
  // 华东 East: Shanghai, Jiangsu, Zhejiang, Anhui, Fujian, Jiangxi, Shandong
  '31', '32', '33', '34', '35', '36', '37',
  // 中南 Central-south: Henan, Hubei, Hunan, Guangdong, Guangxi, Hainan
  '41', '42', '43', '44', '45', '46',
  // 西南 South-west: Chongqing, Sichuan, Guizhou, Yunnan, Tibet
  '50', '51', '52', '53', '54',
  // 西北 North-west: Shaanxi, Gansu, Qinghai, Ningxia, Xinjiang
  '61', '62', '63', '64', '65',
  // Taiwan (71), Hong Kong (81), Macao (82) in GB/T 2260. The 2018 residence permits for
  // Hong Kong, Macao and Taiwan residents use the prefixes 810000, 820000 and 830000.
  '71', '81', '82', '83',
]);

/** True when `code6` is six ASCII digits starting with a known province prefix. */
export function isPlausibleRegion(code6: string, extraPrefixes: readonly string[] = []): boolean {
  if (!/^[0-9]{6}$/.test(code6)) return false;
  const prefix = code6.slice(0, 2);
  return PROVINCE_CODES.has(prefix) || extraPrefixes.includes(prefix);
}
