import type { FaqSpec, FlowStepSpec, ItemContent, MaterialSpec } from '../catalog.content.js';
import type { BundleDefinition } from '../catalog.bundles.js';
import type { ChoiceOption, EligibilityStop, FieldDef, FormDefinition, FormPage } from '../forms/form.types.js';

/**
 * Building blocks of the demo county's implementation list (青山县, 339901):
 * the hall's address and hours, common materials, common form fields. The
 * data files (one per theme) compose items from them.
 */

export const COUNTY_CODE = '339901';
/** The eight township and street service centres (region codes of identity's seed). */
export const ALL_TOWNSHIPS = ['339901001', '339901002', '339901003', '339901004', '339901005', '339901006', '339901007', '339901008'];

/** One seeded item: its department, its content and form, and what the seed does after creating it. */
export interface SeedItem {
  org: string;
  content: ItemContent;
  form?: FormDefinition | undefined;
  /** The material whose blank form (申请表) and filled-in sample (样表) are generated from the form as XLSX. */
  paperForm?: string | undefined;
  /** Answers shown in the XLSX sample, by field key (defaults come from the field type). */
  sample?: Record<string, string> | undefined;
  /** A second version, published after the first. */
  revise?: ((c: ItemContent, f: FormDefinition | undefined) => { content?: ItemContent; form?: FormDefinition }) | undefined;
  /** Suspended or withdrawn after publication, with its public notice. */
  state?: { action: 'suspend' | 'withdraw'; notice: string } | undefined;
}

export interface SeedBundle {
  code: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  orgCode: string;
  audience: 'individual' | 'enterprise';
  lifeEvent: string;
  definition: BundleDefinition;
}

/** Implementation code: catalog code + the county's division code + the handling department's org code. */
export const taskCode = (catalogCode: string, org: string) => `${catalogCode}${COUNTY_CODE}${org}`;

const ZONES: Record<string, string> = {
  '001003': '二楼C区公安综合窗口',
  '001004': '二楼D区社会事务窗口',
  '001005': '二楼B区人力社保窗口',
  '001006': '三楼E区不动产登记窗口',
  '001007': '三楼F区工程建设项目审批窗口',
  '001008': '三楼F区交通运输窗口',
  '001009': '二楼D区农业农村窗口',
  '001010': '一楼A区企业服务窗口',
  '001011': '二楼B区卫生健康窗口',
  '001013': '一楼A区企业开办专区',
  '001014': '二楼B区医疗保障窗口',
  '001015': '一楼A区综合受理窗口',
  '001018': '二楼D区教育服务窗口',
  '001019': '三楼F区工程建设项目审批窗口',
  '001020': '三楼F区市政公用窗口',
  '001022': '一楼G区公共法律服务窗口',
  '001023': '一楼B区税务综合窗口',
};

export const hall = (org: string) => `青山县政务服务中心${ZONES[org] ?? '一楼A区综合受理窗口'}（青山县城关街道人民路88号）`;
export const TOWNSHIP_ADDR = '户籍所在地乡镇人民政府（街道办事处）便民服务中心社会事务窗口；也可到青山县政务服务中心二楼D区社会事务窗口提交';
export const HOURS = '周一至周五 上午8:30—12:00，下午14:00—17:30（法定节假日除外）；周六上午9:00—12:00提供延时错时服务';
export const SUPERVISE = '拨打12345政务服务便民热线；在青山县政务服务网或办事现场的“好差评”评价器评价；或到青山县政务服务中心一楼服务台投诉受理窗口反映';
export const phone = (org: string) => `0571-650${org.slice(-2)}888`;

type Core = Pick<
  ItemContent,
  | 'catalog_code'
  | 'task_name'
  | 'task_name_en'
  | 'task_type'
  | 'by_law'
  | 'accept_condition'
  | 'summary'
  | 'summary_en'
  | 'anticipate_day'
  | 'promise_day'
  | 'limit_scene_num'
  | 'online_handle_depth'
  | 'project_type'
  | 'result_type'
  | 'result_name'
  | 'audiences'
  | 'life_events'
  | 'materials'
  | 'handle_flow'
>;

/** An item's content with the county's defaults (county hall, working days, free, express when online). */
export function content(org: string, c: Core & Partial<ItemContent>): ItemContent {
  return {
    anticipate_type: 'working_days',
    promise_type: 'working_days',
    is_fee: false,
    fees: [],
    handle_type: c.online_handle_depth >= 3 ? ['window', 'online'] : ['window'],
    is_express: c.online_handle_depth >= 3,
    handle_area: 'county',
    township_codes: [],
    transact_addr: hall(org),
    transact_time: HOURS,
    link_way: phone(org),
    supervise_way: SUPERVISE,
    faqs: [],
    ...c,
  };
}

// ---- materials -----------------------------------------------------------

type MatOpts = Partial<Omit<MaterialSpec, 'id' | 'name' | 'name_en'>>;

export const mat = (id: string, name: string, nameEn: string, o: MatOpts = {}): MaterialSpec => ({
  id,
  name,
  name_en: nameEn,
  required: true,
  originals: 1,
  copies: 0,
  format: 'either',
  source: 'applicant',
  ...o,
});

/** A material an electronic certificate stands in for (电子证照). */
export const cert = (id: string, name: string, nameEn: string, certificateType: string, o: MatOpts = {}) =>
  mat(id, name, nameEn, { source: 'certificate', certificate_type: certificateType, note: `可通过${certificateType}电子证照共享获取，免于提交纸质材料`, ...o });

/** A material the department obtains itself from another department (部门间共享). */
export const shared = (id: string, name: string, nameEn: string, note: string, o: MatOpts = {}) => mat(id, name, nameEn, { source: 'department', originals: 0, format: 'electronic', note, ...o });

export const idCard = (id: string, who = '申请人', whoEn = "Applicant's", o: MatOpts = {}) => cert(id, `${who}居民身份证`, `${whoEn} resident identity card`, '居民身份证', o);
export const hukouBook = (id: string, o: MatOpts = {}) => cert(id, '居民户口簿', 'Household register (hukou booklet)', '居民户口簿', o);
export const businessLicence = (id: string, o: MatOpts = {}) => cert(id, '营业执照', 'Business licence', '营业执照', o);

// ---- flow and FAQs -------------------------------------------------------

export const step = (name: string, nameEn: string, actor: string, days: number, o: Partial<FlowStepSpec> = {}): FlowStepSpec => ({ name, name_en: nameEn, actor, days, ...o });
export const faq = (question: string, answer: string, questionEn?: string, answerEn?: string): FaqSpec => ({
  question,
  answer,
  ...(questionEn ? { question_en: questionEn } : {}),
  ...(answerEn ? { answer_en: answerEn } : {}),
});

// ---- form fields ---------------------------------------------------------

type FieldOpts = Partial<Omit<FieldDef, 'key' | 'type' | 'label'>>;

export const fld = (key: string, type: FieldDef['type'], zh: string, en: string, o: FieldOpts = {}): FieldDef => ({ key, type, label: { zh, en }, required: true, ...o });
export const opts = (list: [string, string, string][]): ChoiceOption[] => list.map(([value, zh, en]) => ({ value, label: { zh, en } }));
export const choice = (key: string, zh: string, en: string, list: [string, string, string][], o: FieldOpts = {}) => fld(key, 'choice', zh, en, { options: opts(list), ...o });
export const multi = (key: string, zh: string, en: string, list: [string, string, string][], o: FieldOpts = {}) => fld(key, 'multichoice', zh, en, { options: opts(list), ...o });
export const yesNo = (key: string, zh: string, en: string, o: FieldOpts = {}) => choice(key, zh, en, [['yes', '是', 'Yes'], ['no', '否', 'No']], o);
export const file = (key: string, materialId: string, zh: string, en: string, required = true) => fld(key, 'file', zh, en, { materialId, required });
export const declaration = (zh: string, en: string): FieldDef => ({
  key: 'declaration',
  type: 'declaration',
  label: { zh: '我已阅读并同意以上承诺', en: 'I have read and agree to the declaration above' },
  required: true,
  text: { zh, en },
});
export const TRUTH = '本人承诺所填写的信息和提交的材料真实、准确、完整、有效，如有虚假，愿意承担相应的法律责任。';
export const TRUTH_EN = 'I declare that the information and materials I submit are true, accurate and complete, and I accept legal responsibility for any false statement.';

export const page = (id: string, zh: string, en: string, fields: FieldDef[]): FormPage => ({ id, title: { zh, en }, fields });
export const stop = (field: string, equals: string, zh: string, en: string): EligibilityStop => ({ when: { field, equals }, message: { zh, en } });
/** A form; the schema is generated by checkFormDefinition when the item is saved. */
export const form = (pages: FormPage[], stops: EligibilityStop[] = []): FormDefinition => ({ version: 1, pages, stops, schema: {} });

/** The applicant, prefilled from a resident's profile. */
export const person = (): FieldDef[] => [
  fld('applicant_name', 'text', '申请人姓名', 'Applicant name', { prefill: 'realName', max: 50 }),
  fld('applicant_id', 'idNumber', '公民身份号码', 'Citizen ID number', { prefill: 'idNumber' }),
  fld('applicant_phone', 'phone', '联系电话', 'Phone', { prefill: 'phone' }),
];

/** The enterprise, prefilled from an enterprise account's profile. */
export const enterprise = (): FieldDef[] => [
  fld('enterprise_name', 'text', '单位名称', 'Organisation name', { prefill: 'enterpriseName', max: 100 }),
  fld('credit_code', 'creditCode', '统一社会信用代码', 'Unified social credit code', { prefill: 'creditCode' }),
  fld('legal_rep_name', 'text', '法定代表人（负责人）姓名', 'Legal representative', { prefill: 'legalRepName', max: 50 }),
  fld('contact_name', 'text', '经办人姓名', 'Contact person', { max: 50 }),
  fld('contact_phone', 'phone', '经办人联系电话', 'Contact phone', { prefill: 'phone' }),
];

/** Hukou located in the county: the usual eligibility stop of assistance items. */
export const localHukou = () => yesNo('hukou_local', '申请人户籍是否在青山县', 'Is your household registration (hukou) in Qingshan County?');
export const localHukouStop = () =>
  stop('hukou_local', 'no', '本事项由户籍所在地受理。您的户籍不在本县，请向户籍所在地乡镇（街道）提出申请。', 'This service is handled where your hukou is registered. Your hukou is not in Qingshan County: please apply there.');
