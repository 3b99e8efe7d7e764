import type { ChoiceOption } from '../forms/form.types.js';
import {
  ALL_TOWNSHIPS, cert, choice, content, declaration, faq, fld, form, hukouBook, idCard, localHukou, localHukouStop, mat, page, person, shared, step, stop, TRUTH, TRUTH_EN, yesNo,
  type SeedItem,
} from './common.js';

/** Human resources and social security, healthcare security: pensions, unemployment, employment, medical insurance. */

const HRSS = '001005';
const MEDICAL = '001014';
const socialCard = (id: string, o = {}) => cert(id, '社会保障卡', 'Social security card', '社会保障卡', o);

const GRADES: [string, string, string][] = [
  ['300', '300元/年', '300 yuan a year'],
  ['500', '500元/年', '500 yuan a year'],
  ['800', '800元/年', '800 yuan a year'],
  ['1000', '1000元/年', '1,000 yuan a year'],
  ['1500', '1500元/年', '1,500 yuan a year'],
  ['2000', '2000元/年', '2,000 yuan a year'],
  ['3000', '3000元/年', '3,000 yuan a year'],
  ['5000', '5000元/年', '5,000 yuan a year'],
];

const pension: SeedItem = {
  org: HRSS,
  content: content(HRSS, {
    catalog_code: '000105001000',
    task_name: '城乡居民基本养老保险参保登记',
    task_name_en: "Enrolment in urban and rural residents' basic pension insurance",
    task_type: 'public_service',
    by_law:
      '《中华人民共和国社会保险法》第二十条、第二十二条。\n《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）：年满16周岁（不含在校学生），非国家机关和事业单位工作人员及不属于职工基本养老保险制度覆盖范围的城乡居民，可以在户籍地参加城乡居民养老保险。',
    accept_condition: '年满16周岁（不含在校学生）、具有本县户籍，非国家机关和事业单位工作人员，且未参加职工基本养老保险的城乡居民。',
    accept_condition_en: 'Residents with county hukou aged 16 or over (students excepted) who are not civil servants or public institution staff and are not in the employees’ pension scheme.',
    summary: '未参加职工养老保险的城乡居民办理居民养老保险参保登记，自主选择缴费档次，年满60周岁、累计缴费满15年可按月领取养老金。',
    summary_en: "Residents not in the employees' scheme enrol in the residents' pension, choose a contribution level, and draw a monthly pension from 60 after 15 years of contributions.",
    anticipate_day: 1,
    promise_day: 0,
    limit_scene_num: 0,
    online_handle_depth: 4,
    is_express: false,
    project_type: 'immediate',
    result_type: '登记信息',
    result_name: '城乡居民基本养老保险参保登记信息',
    handle_area: 'township',
    township_codes: ALL_TOWNSHIPS,
    audiences: ['individual'],
    life_events: ['retirement', 'social_security'],
    materials: [idCard('m1'), hukouBook('m2', { required: false }), socialCard('m3', { required: false, note: '用于缴费和养老金发放' })],
    handle_flow: [step('网上申请或到乡镇（街道）窗口申请', 'Apply online or at the township centre', '申请人', 0), step('审核登记', 'Checked and registered', '人力资源和社会保障局城乡居民养老保险窗口', 0)],
    faqs: [
      faq('缴费档次怎么选？', '本县设300元至5000元多个年缴费档次，多缴多得、长缴多得。选择较高档次的，政府缴费补贴也相应提高。', 'How do I choose a contribution level?', 'Levels run from 300 to 5,000 yuan a year; paying more and longer gives a higher pension and a higher government top-up.'),
      faq('什么时候可以领取养老金？', '年满60周岁、累计缴费满15年且未领取国家规定的基本养老保障待遇的，可按月领取城乡居民养老保险待遇。'),
      faq('低保对象、重度残疾人缴费有补助吗？', '有。县政府为低保对象、特困人员、重度残疾人等缴费困难群体代缴部分或全部最低档次的养老保险费。'),
    ],
  }),
  form: form(
    [
      page('p1', '参保人', 'The insured', [localHukou(), ...person(), yesNo('in_employee_pension', '目前是否正在参加职工基本养老保险', "Are you currently in the employees' pension scheme?"), yesNo('is_student', '是否为全日制在校学生', 'Are you a full-time student?')]),
      page('p2', '缴费', 'Contributions', [
        choice('grade', '缴费档次', 'Contribution level', GRADES),
        choice('special_group', '是否属于代缴对象', 'Are you in a group whose contributions the government pays?', [['none', '否', 'No'], ['dibao', '低保对象', 'Minimum allowance recipient'], ['tekun', '特困人员', 'Person in extreme poverty'], ['disabled', '重度残疾人', 'Severely disabled']]),
        choice('pay_method', '缴费方式', 'How to pay', [['bank', '社会保障卡银行账户代扣', 'Debit from the social security card'], ['online', '线上自助缴费', 'Pay online myself']]),
        fld('bank_card', 'text', '社会保障卡银行账号', 'Social security card bank account', { max: 30, showIf: { field: 'pay_method', equals: 'bank' } }),
        declaration(TRUTH, TRUTH_EN),
      ]),
    ],
    [
      localHukouStop(),
      stop('in_employee_pension', 'yes', '正在参加职工基本养老保险的，不能同时参加城乡居民养老保险。', "You cannot join the residents' pension while in the employees' scheme."),
      stop('is_student', 'yes', '全日制在校学生暂不参加城乡居民养老保险，毕业后可按规定参保。', 'Full-time students join after they finish their studies.'),
    ],
  ),
  // Version 2: the new 8,000 yuan level of 2026.
  revise: (c, f) => ({
    content: {
      ...c,
      faqs: [faq('2026年缴费档次有什么变化？', '自2026年1月1日起，本县新增8000元/年缴费档次，选择该档次的政府缴费补贴为每人每年150元。', 'What changed in 2026?', 'From 1 January 2026 a level of 8,000 yuan a year is added, with a government top-up of 150 yuan a year.'), ...c.faqs],
    },
    form: {
      ...f!,
      pages: f!.pages.map((p) => ({ ...p, fields: p.fields.map((x) => (x.key === 'grade' ? { ...x, options: [...x.options!, { value: '8000', label: { zh: '8000元/年', en: '8,000 yuan a year' } } satisfies ChoiceOption] } : x)) })),
    },
  }),
};

const unemployment: SeedItem = {
  org: HRSS,
  content: content(HRSS, {
    catalog_code: '000105004000',
    task_name: '失业保险金申领',
    task_name_en: 'Claim for unemployment insurance benefit',
    task_type: 'administrative_payment',
    by_law:
      '《中华人民共和国社会保险法》第四十五条：失业人员符合下列条件的，从失业保险基金中领取失业保险金：（一）失业前用人单位和本人已经缴纳失业保险费满一年的；（二）非因本人意愿中断就业的；（三）已经进行失业登记，并有求职要求的。\n《失业保险条例》第十四条、第十六条。',
    accept_condition: '失业前用人单位和本人已缴纳失业保险费满一年，非因本人意愿中断就业，已进行失业登记并有求职要求的失业人员。',
    summary: '符合条件的失业人员网上申领失业保险金，按月发放，领取期间由失业保险基金代缴基本医疗保险费。',
    summary_en: 'Eligible unemployed people claim unemployment benefit online; it is paid monthly, and their medical insurance is paid from the fund meanwhile.',
    anticipate_day: 10,
    promise_day: 3,
    limit_scene_num: 0,
    online_handle_depth: 4,
    is_express: false,
    project_type: 'commitment',
    result_type: '待遇核定',
    result_name: '失业保险待遇核定结果（按月发放至社会保障卡）',
    audiences: ['individual'],
    life_events: ['employment', 'social_security'],
    materials: [idCard('m1'), socialCard('m2'), shared('m3', '解除或终止劳动关系证明', 'Proof that the employment ended', '用人单位已通过系统报送停保信息的，无需提供')],
    handle_flow: [step('网上申领', 'Apply online', '申请人', 0), step('资格审核与待遇核定', 'Eligibility and benefit calculation', '人力资源和社会保障局就业与失业保险窗口', 3)],
    faqs: [faq('主动辞职能领失业保险金吗？', '不能。领取失业保险金须为非因本人意愿中断就业，但主动辞职的可办理失业登记，享受免费职业介绍和培训。', 'Can I claim after resigning?', 'No, benefit requires involuntary job loss; you can still register as unemployed for job services and training.')],
  }),
  form: form(
    [
      page('p1', '申请人', 'Applicant', [...person(), fld('last_employer', 'text', '原工作单位', 'Last employer', { max: 100 }), fld('leave_date', 'date', '离职日期', 'Last day of work')]),
      page('p2', '失业情况', 'Job loss', [
        choice('leave_reason', '中断就业原因', 'Why the job ended', [['contract_end', '劳动合同期满终止', 'Contract expired'], ['dismissed', '用人单位解除劳动合同', 'Dismissed by the employer'], ['closure', '用人单位破产、撤销或关闭', 'Employer closed'], ['resigned', '本人主动辞职', 'I resigned']]),
        fld('insured_years', 'number', '累计缴纳失业保险费年限（年）', 'Years of unemployment insurance contributions', { min: 0, max: 50 }),
        yesNo('seeking_job', '是否有求职要求', 'Are you looking for work?'),
        declaration(TRUTH, TRUTH_EN),
      ]),
    ],
    [stop('leave_reason', 'resigned', '因本人意愿中断就业的，不符合领取失业保险金条件；可办理失业登记，享受公共就业服务。', 'Voluntary resignation does not qualify for benefit; you may register as unemployed for public employment services.')],
  ),
};

const employmentCard: SeedItem = {
  org: HRSS,
  content: content(HRSS, {
    catalog_code: '000105005000',
    task_name: '就业创业证申领',
    task_name_en: 'Employment and entrepreneurship certificate',
    task_type: 'public_service',
    by_law: '《中华人民共和国就业促进法》第三十五条；《就业服务与就业管理规定》（劳动和社会保障部令第28号）。',
    accept_condition: '在法定劳动年龄内、有劳动能力和就业要求的本县户籍人员或常住人员，以及在本县创业的高校毕业生等。',
    summary: '办理就业创业证（电子证），作为享受就业创业扶持政策的凭证，可用于申请创业担保贷款、社保补贴等。',
    summary_en: 'The employment and entrepreneurship certificate (electronic) gives access to support such as business start-up loans and social insurance subsidies.',
    anticipate_day: 1,
    promise_day: 0,
    limit_scene_num: 0,
    online_handle_depth: 4,
    is_express: false,
    project_type: 'immediate',
    result_type: '证件',
    result_name: '就业创业证（电子证照）',
    handle_area: 'township',
    township_codes: ALL_TOWNSHIPS,
    audiences: ['individual'],
    life_events: ['employment', 'business'],
    materials: [idCard('m1')],
    handle_flow: [step('网上申请', 'Apply online', '申请人', 0), step('即时办结', 'Issued at once', '人力资源和社会保障局就业服务窗口', 0)],
    faqs: [faq('就业创业证有什么用？', '是享受就业创业扶持政策的凭证，如创业担保贷款、灵活就业社保补贴、职业培训补贴等。')],
  }),
  form: form([
    page('p1', '申请人', 'Applicant', [
      ...person(),
      choice('status', '人员类别', 'Status', [['unemployed', '登记失业人员', 'Registered unemployed'], ['graduate', '高校毕业生', 'University graduate'], ['entrepreneur', '自主创业人员', 'Entrepreneur'], ['other', '其他就业困难人员', 'Other person facing difficulty finding work']]),
      fld('school', 'text', '毕业院校', 'University', { max: 100, showIf: { field: 'status', equals: 'graduate' } }),
      fld('graduation_date', 'date', '毕业时间', 'Graduation date', { showIf: { field: 'status', equals: 'graduate' } }),
      choice('education', '文化程度', 'Education', [['junior', '初中及以下', 'Junior secondary or less'], ['senior', '高中/中专', 'Senior secondary'], ['college', '大专', 'College'], ['bachelor', '本科及以上', "Bachelor's or higher"]]),
      declaration(TRUTH, TRUTH_EN),
    ]),
  ]),
};

const transfer: SeedItem = {
  org: MEDICAL,
  content: content(MEDICAL, {
    catalog_code: '000114001000',
    task_name: '基本医疗保险关系转移接续',
    task_name_en: 'Transfer of basic medical insurance',
    task_type: 'public_service',
    by_law: '《中华人民共和国社会保险法》第三十二条：个人跨统筹地区就业的，其基本医疗保险关系随本人转移，缴费年限累计计算。\n《国家医疗保障局办公室 财政部办公厅关于印发〈基本医疗保障关系转移接续暂行办法〉的通知》（医保办发〔2021〕43号）。',
    accept_condition: '参加职工基本医疗保险或城乡居民基本医疗保险的人员，因跨统筹地区就业、居住，需将医保关系转入或转出本县的。',
    summary: '跨地区就业或居住的参保人员，在转入地申请即可办理医保关系转移接续，缴费年限累计计算，无需两地跑。',
    summary_en: 'People moving for work or residence transfer their medical insurance by applying where they move to; contribution years add up, with no trips between the two places.',
    anticipate_day: 45,
    promise_day: 15,
    limit_scene_num: 0,
    online_handle_depth: 4,
    is_express: false,
    project_type: 'commitment',
    result_type: '凭证',
    result_name: '基本医疗保障参保（合）凭证；医保关系转移接续完成通知',
    audiences: ['individual'],
    life_events: ['medical', 'employment'],
    materials: [idCard('m1'), shared('m2', '基本医疗保障参保（合）凭证', 'Certificate of medical insurance participation', '由转出地医保经办机构通过全国医保信息平台传送，参保人无需提交')],
    handle_flow: [step('转入地申请', 'Apply where you move to', '申请人', 0), step('转出地审核并传送参保凭证', 'Former fund checks and sends the record', '转出地医保经办机构', 10), step('转入地接续', 'Record taken over', '医疗保障局参保登记窗口', 5)],
    faqs: [
      faq('转移期间看病能报销吗？', '转移接续期间，按规定连续参保的，待遇不中断，可在转入地或转出地按规定报销。', 'Are medical bills covered during the transfer?', 'Yes: with continuous contributions, benefits continue during the transfer.'),
      faq('需要回原参保地开证明吗？', '不需要。在转入地提出申请，转出地通过全国医保信息平台传送参保凭证。'),
    ],
  }),
  form: form([
    page('p1', '参保人', 'The insured', [...person()]),
    page('p2', '转移信息', 'Transfer', [
      choice('direction', '转移方向', 'Direction', [['in', '从外地转入本县', 'Into the county'], ['out', '从本县转出', 'Out of the county']]),
      fld('from_region', 'text', '转出地（省、市、县）', 'Moving from (province, city, county)', { max: 100, showIf: { field: 'direction', equals: 'in' } }),
      fld('to_region', 'text', '转入地（省、市、县）', 'Moving to (province, city, county)', { max: 100, showIf: { field: 'direction', equals: 'out' } }),
      choice('scheme', '参保险种', 'Scheme', [['employee', '职工基本医疗保险', 'Employees’ medical insurance'], ['resident', '城乡居民基本医疗保险', 'Residents’ medical insurance']]),
      fld('new_employer', 'text', '现工作单位', 'Current employer', { max: 100, required: false, showIf: { field: 'scheme', equals: 'employee' } }),
      declaration(TRUTH, TRUTH_EN),
    ]),
  ]),
};

const offsite: SeedItem = {
  org: MEDICAL,
  content: content(MEDICAL, {
    catalog_code: '000114003000',
    task_name: '跨省异地就医备案',
    task_name_en: 'Registration for medical treatment in another province',
    task_type: 'public_service',
    by_law: '《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）。',
    accept_condition: '本县基本医疗保险参保人员，异地长期居住（含异地安置退休）、常驻异地工作、异地转诊就医或临时外出就医的。',
    summary: '备案后在就医地定点医疗机构直接结算医疗费用，无需垫付后回本县报销。',
    summary_en: 'Once registered, medical bills in another province are settled directly at the hospital, with no need to pay first and claim back.',
    anticipate_day: 1,
    promise_day: 0,
    limit_scene_num: 0,
    online_handle_depth: 4,
    is_express: false,
    project_type: 'immediate',
    result_type: '备案信息',
    result_name: '跨省异地就医备案信息',
    audiences: ['individual'],
    life_events: ['medical', 'retirement'],
    materials: [socialCard('m1'), mat('m2', '跨省异地就医备案个人承诺书', 'Personal undertaking for treatment in another province', { note: '异地长期居住人员、常驻异地工作人员提供，网上备案时在线签署' })],
    handle_flow: [step('网上备案', 'Register online', '申请人', 0), step('即时办结', 'Completed at once', '医疗保障局', 0)],
    faqs: [faq('临时外出就医也要备案吗？', '要。临时外出就医人员可通过国家医保服务平台APP自助备案，备案有效期内可多次就医。')],
  }),
  form: form([
    page('p1', '参保人', 'The insured', [...person()]),
    page('p2', '备案信息', 'Registration', [
      choice('record_type', '备案类型', 'Type', [['resettle', '异地长期居住（含异地安置退休）', 'Living elsewhere long-term (incl. retired)'], ['work', '常驻异地工作', 'Working elsewhere'], ['referral', '异地转诊就医', 'Referred elsewhere'], ['temporary', '临时外出就医', 'Temporary treatment away']]),
      fld('province', 'text', '就医地（省、市）', 'Where (province, city)', { max: 100 }),
      fld('hospital', 'text', '转诊医院', 'Hospital referred to', { max: 100, showIf: { field: 'record_type', equals: 'referral' } }),
      fld('start_date', 'date', '备案开始日期', 'From'),
      declaration(TRUTH, TRUTH_EN),
    ]),
  ]),
};

export const employmentItems: SeedItem[] = [pension, unemployment, employmentCard, transfer, offsite];
