import type { FieldDef } from '../forms/form.types.js';
import {
  businessLicence, choice, content, declaration, enterprise, faq, file, fld, form, idCard, mat, multi, page, step, stop, taskCode, TRUTH, TRUTH_EN, yesNo,
  type SeedBundle, type SeedItem,
} from './common.js';

/** 开办企业一件事: company registration, seals, tax, social insurance and housing fund registration. */

const MEMBER_ORGS = { company: '001013', seal: '001003', tax: '001023', social: '001005', fund: '001007' } as const;
const CODES = { company: '000113002000', seal: '000103005000', tax: '000123001000', social: '000105011000', fund: '000107009000' } as const;
const TC = {
  company: taskCode(CODES.company, MEMBER_ORGS.company),
  seal: taskCode(CODES.seal, MEMBER_ORGS.seal),
  tax: taskCode(CODES.tax, MEMBER_ORGS.tax),
  social: taskCode(CODES.social, MEMBER_ORGS.social),
  fund: taskCode(CODES.fund, MEMBER_ORGS.fund),
};

const BUNDLE_HINT = { zh: '“开办企业一件事”中无需填写，营业执照核发后自动关联', en: 'Not needed in the "open a business" bundle: filled in once the licence is issued' };
/** The enterprise block of the members that follow registration: the credit code comes from the licence the bundle yields. */
const memberEnterprise = (): FieldDef[] => enterprise().map((f) => (f.key === 'credit_code' ? { ...f, required: false, hint: BUNDLE_HINT } : f));
const legalRepId = () => fld('legal_rep_id', 'idNumber', '法定代表人公民身份号码', "Legal representative's ID number");

const company: SeedItem = {
  org: MEMBER_ORGS.company,
  paperForm: 'm1',
  sample: { enterprise_name: '青山县山泉茶业有限公司', registered_capital: '100', business_scope: '茶叶种植；初级农产品收购；食品销售（仅销售预包装食品）' },
  content: content(MEMBER_ORGS.company, {
    catalog_code: CODES.company,
    task_name: '企业设立登记（有限责任公司）',
    task_name_en: 'Company establishment registration (limited liability company)',
    task_handle_item: '有限责任公司设立登记',
    task_type: 'administrative_licence',
    by_law:
      '《中华人民共和国公司法》第二十九条：设立公司，应当依法向公司登记机关申请设立登记。\n《中华人民共和国市场主体登记管理条例》第三条、第八条、第十九条：登记机关对申请材料齐全、符合法定形式的予以确认并当场登记；不能当场登记的，应当在3个工作日内予以登记。\n《中华人民共和国市场主体登记管理条例实施细则》第五条。',
    accept_condition:
      '股东符合法定人数（一人以上五十人以下）；有符合公司章程规定的全体股东认缴的出资额；股东共同制定公司章程；有公司名称，建立符合有限责任公司要求的组织机构；有公司住所。企业名称已通过企业名称自主申报系统完成申报。',
    accept_condition_en: 'One to fifty shareholders; subscribed capital as in the articles; articles of association adopted by the shareholders; a company name declared through the name self-declaration system; a registered address.',
    summary: '在本县设立有限责任公司，领取营业执照（含电子营业执照）。可通过“开办企业一件事”同时办理印章刻制、涉税事项、社保和公积金单位登记。',
    summary_en: 'Register a limited liability company in the county and receive its business licence (paper and electronic). The "open a business" bundle also arranges seals, tax, social insurance and housing fund registration.',
    anticipate_day: 3,
    promise_day: 1,
    limit_scene_num: 0,
    handle_type: ['window', 'online', 'post'],
    online_handle_depth: 4,
    project_type: 'commitment',
    result_type: '证照',
    result_name: '营业执照（纸质及电子营业执照）',
    audiences: ['enterprise', 'individual'],
    life_events: ['business'],
    materials: [
      mat('m1', '公司登记（备案）申请书', 'Company registration (filing) application form', { note: '网上申报时由系统自动生成，全体股东电子签名' }),
      mat('m2', '公司章程', 'Articles of association', { note: '由全体股东签署；可使用登记机关提供的章程参考文本' }),
      idCard('m3', '股东（自然人）', "Shareholders'"),
      mat('m4', '法定代表人、董事、监事和经理的任职文件', 'Appointment documents of the legal representative, directors, supervisors and manager'),
      mat('m5', '住所（经营场所）使用证明', 'Proof of the right to use the registered address', { copies: 1, note: '房屋产权证明或租赁合同；实行住所申报承诺制的，提交住所申报承诺书' }),
      idCard('m6', '法定代表人', "Legal representative's"),
      mat('m7', '授权委托书及被委托人身份证件', 'Power of attorney and the agent’s identity document', { required: false, note: '委托代理人办理的提供' }),
    ],
    handle_flow: [
      step('网上申报或窗口受理', 'Online application or window acceptance', '市场监督管理局登记注册科', 0),
      step('审查与核准', 'Examination and approval', '市场监督管理局登记注册科', 1),
      step('发照（电子营业执照同步生成，纸质执照可邮寄）', 'Licence issued (electronic at once, paper by post)', '市场监督管理局登记注册科', 0),
    ],
    faqs: [
      faq('注册资本需要在设立时一次缴足吗？', '不需要。根据2024年7月1日起施行的《中华人民共和国公司法》，有限责任公司全体股东认缴的出资额由股东按照公司章程的规定自公司成立之日起五年内缴足。', 'Must the capital be paid in at once?', 'No. Under the Company Law in force since 1 July 2024, shareholders pay their subscribed capital within five years of incorporation, as the articles provide.'),
      faq('可以用住宅作为公司住所吗？', '本县实行住所（经营场所）申报承诺制，法律法规未禁止的，可提交申报承诺书办理登记；从事餐饮、娱乐等行业的除外。'),
      faq('营业执照办好后还要去刻章、税务吗？', '选择“开办企业一件事”的，营业执照核发后印章刻制、新办纳税人套餐、社保和公积金单位登记同步推送办理，无需另行申请。'),
    ],
  }),
  form: form(
    [
      page('p1', '企业基本信息', 'The company', [
        yesNo('name_declared', '企业名称是否已通过自主申报系统完成申报', 'Has the company name been declared through the name self-declaration system?'),
        fld('enterprise_name', 'text', '企业名称', 'Company name', { max: 100 }),
        choice('company_type', '公司类型', 'Company type', [
          ['llc_natural', '有限责任公司（自然人投资或控股）', 'LLC (owned or controlled by natural persons)'],
          ['llc_sole', '有限责任公司（自然人独资）', 'LLC (one natural-person shareholder)'],
          ['llc_corporate', '有限责任公司（法人独资）', 'LLC (one corporate shareholder)'],
        ]),
        fld('registered_capital', 'number', '注册资本（万元）', 'Registered capital (10,000 yuan)', { min: 1, max: 1000000 }),
        fld('reg_address', 'address', '住所', 'Registered address'),
        fld('business_scope', 'textarea', '经营范围', 'Business scope', { max: 2000, hint: { zh: '按《经营范围规范表述目录》选择填写', en: 'Use the wording of the standard business scope catalogue' } }),
      ]),
      page('p2', '法定代表人与经办人', 'Legal representative and contact', [
        fld('legal_rep_name', 'text', '法定代表人姓名', 'Legal representative', { max: 50 }),
        legalRepId(),
        fld('contact_name', 'text', '经办人姓名', 'Contact person', { prefill: 'realName', max: 50 }),
        fld('contact_phone', 'phone', '经办人联系电话', 'Contact phone', { prefill: 'phone' }),
      ]),
      page('p3', '股东出资情况', 'Shareholders', [
        fld('shareholders', 'table', '股东（发起人）出资情况', 'Shareholders and their contributions', {
          min: 1,
          max: 50,
          columns: [
            fld('sh_name', 'text', '股东姓名或名称', 'Shareholder', { max: 100 }),
            fld('sh_id', 'idNumber', '证件号码', 'ID number'),
            fld('sh_amount', 'number', '认缴出资额（万元）', 'Subscribed (10,000 yuan)', { min: 0 }),
            choice('sh_method', '出资方式', 'Form of contribution', [['money', '货币', 'Money'], ['property', '实物', 'Property'], ['ip', '知识产权', 'Intellectual property']]),
          ],
        }),
      ]),
      page('p4', '执照领取与材料', 'Licence and attachments', [
        yesNo('paper_licence', '是否需要纸质营业执照', 'Do you need a paper licence?'),
        choice('delivery', '纸质执照领取方式', 'How to receive the paper licence', [['pickup', '窗口自取', 'Collect at the window'], ['post', '免费邮寄', 'Free post']], { showIf: { field: 'paper_licence', equals: 'yes' } }),
        fld('post_address', 'address', '邮寄地址', 'Postal address', { showIf: { field: 'delivery', equals: 'post' } }),
        file('file_articles', 'm2', '公司章程', 'Articles of association'),
        file('file_address', 'm5', '住所使用证明或申报承诺书', 'Proof of address or address declaration'),
        declaration(TRUTH, TRUTH_EN),
      ]),
    ],
    [stop('name_declared', 'no', '请先通过企业名称自主申报系统申报企业名称，再申请设立登记。', 'Please declare the company name through the name self-declaration system first.')],
  ),
};

const seal: SeedItem = {
  org: MEMBER_ORGS.seal,
  content: content(MEMBER_ORGS.seal, {
    catalog_code: CODES.seal,
    task_name: '公章刻制备案',
    task_name_en: 'Official seal engraving filing',
    task_type: 'other',
    by_law:
      '《印铸刻字业暂行管理规则》第三条、第四条；《国务院关于第一批取消62项中央指定地方实施行政审批事项的决定》（国发〔2015〕57号）将公章刻制审批改为备案管理。',
    accept_condition: '依法设立的企业、个体工商户、农民专业合作社等单位需刻制单位公章、财务专用章、发票专用章等印章的，可自主选择公章刻制企业刻制，由刻制企业通过公章治安管理信息系统向公安机关备案。新开办企业首套印章费用由政府承担。',
    summary: '刻制单位印章并向公安机关备案。新开办企业首套印章（公章、财务章、发票章、合同章、法定代表人名章）免费。',
    summary_en: 'Have official seals engraved and filed with the police. A new business gets its first set of five seals free of charge.',
    anticipate_day: 1,
    promise_day: 0,
    limit_scene_num: 0,
    online_handle_depth: 4,
    project_type: 'immediate',
    result_type: '备案信息',
    result_name: '印章备案信息及实物印章',
    audiences: ['enterprise'],
    life_events: ['business'],
    materials: [
      businessLicence('m1'),
      idCard('m2', '法定代表人', "Legal representative's"),
      mat('m3', '单位授权委托书', 'Letter of authorisation', { required: false, note: '经办人不是法定代表人的提供' }),
    ],
    handle_flow: [
      step('网上申请并选择刻制企业', 'Apply online and choose an engraver', '申请单位', 0),
      step('刻制企业刻制并上传印模备案', 'Engraving and filing of the imprint', '公章刻制企业', 0),
      step('公安机关备案确认', 'Filing confirmed', '公安局治安管理大队', 0),
    ],
    faqs: [faq('首套印章免费包括哪些？', '新开办企业首套印章包括单位公章、财务专用章、发票专用章、合同专用章和法定代表人名章各一枚，费用由县财政承担。', 'What does the free first set include?', 'One each of the official seal, finance seal, invoice seal, contract seal and the legal representative’s name seal.')],
  }),
  form: form([
    page('p1', '申请单位', 'The organisation', [...memberEnterprise(), legalRepId()]),
    page('p2', '刻制信息', 'Seals', [
      multi('seal_types', '刻制印章种类', 'Seals to engrave', [
        ['official', '单位公章', 'Official seal'],
        ['finance', '财务专用章', 'Finance seal'],
        ['invoice', '发票专用章', 'Invoice seal'],
        ['contract', '合同专用章', 'Contract seal'],
        ['legal_rep', '法定代表人名章', "Legal representative's name seal"],
      ]),
      choice('engraver', '刻制企业', 'Engraver', [
        ['qs01', '青山县诚信刻章有限公司', 'Qingshan Chengxin Seals Co., Ltd.'],
        ['qs02', '青山县城关印章服务部', 'Chengguan Seal Service'],
        ['qs03', '青山县云溪刻字社', 'Yunxi Engraving'],
      ]),
      choice('seal_delivery', '印章领取方式', 'How to receive the seals', [['pickup', '到刻制企业自取', 'Collect from the engraver'], ['post', '免费寄递', 'Free post']]),
      fld('seal_post_address', 'address', '寄递地址', 'Postal address', { showIf: { field: 'seal_delivery', equals: 'post' } }),
      declaration(TRUTH, TRUTH_EN),
    ]),
  ]),
};

const tax: SeedItem = {
  org: MEMBER_ORGS.tax,
  content: content(MEMBER_ORGS.tax, {
    catalog_code: CODES.tax,
    task_name: '新办纳税人涉税事项综合办理（“套餐式”服务）',
    task_name_en: 'Tax set-up for new taxpayers (package service)',
    task_type: 'other',
    by_law: '《中华人民共和国税收征收管理法》第十五条、第十九条；《中华人民共和国税收征收管理法实施细则》第十二条；《中华人民共和国发票管理办法》第十五条；《税务登记管理办法》。',
    accept_condition: '已领取营业执照的新办纳税人。可一次办理登记信息确认、财务会计制度及核算软件备案、存款账户账号报告、税（费）种认定、增值税一般纳税人登记（自愿选择）、发票票种核定和数电发票开票额度确定等事项。',
    summary: '新办企业领取营业执照后，一次办结开业所需的全部涉税事项，当场可开具发票。',
    summary_en: 'After receiving its business licence, a new business completes all its opening tax formalities at once and can issue invoices the same day.',
    anticipate_day: 1,
    promise_day: 0,
    limit_scene_num: 0,
    online_handle_depth: 4,
    project_type: 'immediate',
    result_type: '通知书',
    result_name: '税务事项通知书；数电发票开票额度',
    audiences: ['enterprise'],
    life_events: ['business'],
    materials: [
      businessLicence('m1'),
      idCard('m2', '法定代表人', "Legal representative's"),
      idCard('m3', '办税人员', "Tax clerk's", { required: false }),
      mat('m4', '财务会计制度或财务会计核算办法', 'Accounting rules', { required: false, format: 'electronic' }),
    ],
    handle_flow: [step('网上申请', 'Apply online', '申请单位', 0), step('系统校验并即时办结', 'Checked and completed at once', '税务局纳税服务股', 0)],
    faqs: [faq('小规模纳税人和一般纳税人怎么选？', '年应税销售额未超过500万元的，可选择登记为小规模纳税人；会计核算健全、能提供准确税务资料的，也可自愿登记为一般纳税人。')],
  }),
  form: form([
    page('p1', '纳税人信息', 'The taxpayer', [...memberEnterprise(), legalRepId(), fld('reg_address', 'address', '生产经营地址', 'Place of business'), fld('registered_capital', 'number', '注册资本（万元）', 'Registered capital (10,000 yuan)', { min: 1, max: 1000000 })]),
    page('p2', '涉税事项', 'Tax matters', [
      choice('taxpayer_type', '增值税纳税人类型', 'VAT taxpayer type', [['small', '小规模纳税人', 'Small-scale taxpayer'], ['general', '一般纳税人', 'General taxpayer']]),
      fld('expected_sales', 'number', '预计年应税销售额（万元）', 'Expected annual taxable sales (10,000 yuan)', { min: 0, showIf: { field: 'taxpayer_type', equals: 'general' } }),
      choice('invoice_need', '发票需求', 'Invoices', [['digital', '申领数电发票开票额度', 'Digital invoice quota'], ['none', '暂不需要', 'Not now']]),
      multi('invoice_types', '发票种类', 'Invoice types', [['special', '增值税专用发票', 'Special VAT invoice'], ['normal', '普通发票', 'Ordinary invoice']], { showIf: { field: 'invoice_need', equals: 'digital' } }),
      fld('accountant_name', 'text', '财务负责人', 'Chief accountant', { max: 50 }),
      fld('bank_account', 'text', '存款账户账号', 'Bank account number', { required: false, max: 40 }),
      declaration(TRUTH, TRUTH_EN),
    ]),
  ]),
};

const social: SeedItem = {
  org: MEMBER_ORGS.social,
  content: content(MEMBER_ORGS.social, {
    catalog_code: CODES.social,
    task_name: '单位参保登记',
    task_name_en: 'Social insurance registration of an employer',
    task_type: 'public_service',
    by_law:
      '《中华人民共和国社会保险法》第五十七条：用人单位应当自成立之日起三十日内凭营业执照、登记证书或者单位印章，向当地社会保险经办机构申请办理社会保险登记。社会保险经办机构应当自收到申请之日起十五日内予以审核，发给社会保险登记证件。\n《社会保险费征缴暂行条例》第七条。',
    accept_condition: '在本县依法设立的企业、个体经济组织、民办非企业单位等用人单位，自成立之日起三十日内办理。',
    summary: '新设立的用人单位办理职工养老、工伤、失业保险参保登记，取得单位社保编号。',
    summary_en: 'A new employer registers for employees’ pension, work injury and unemployment insurance and receives its social insurance number.',
    anticipate_day: 15,
    anticipate_type: 'calendar_days',
    promise_day: 0,
    limit_scene_num: 0,
    online_handle_depth: 4,
    project_type: 'immediate',
    result_type: '登记信息',
    result_name: '社会保险登记信息（单位社保编号）',
    audiences: ['enterprise'],
    life_events: ['business', 'social_security'],
    materials: [businessLicence('m1'), idCard('m2', '经办人', "Contact person's"), mat('m3', '单位缴费银行账户信息', 'Bank account for contributions', { required: false, format: 'electronic' })],
    handle_flow: [step('网上申请', 'Apply online', '申请单位', 0), step('审核登记', 'Check and register', '人力资源和社会保障局社保经办窗口', 0)],
    faqs: [faq('没有招用员工也要办理单位参保登记吗？', '用人单位应当自成立之日起三十日内办理社会保险登记；暂未招用职工的，可先行登记，招用后及时办理职工参保。')],
  }),
  form: form([
    page('p1', '单位信息', 'The employer', memberEnterprise()),
    page('p2', '参保信息', 'Insurance', [
      multi('insurance_types', '参保险种', 'Insurance types', [['pension', '企业职工基本养老保险', 'Employees’ basic pension'], ['injury', '工伤保险', 'Work injury'], ['unemployment', '失业保险', 'Unemployment']]),
      yesNo('has_employees', '目前是否已招用职工', 'Do you already employ staff?'),
      fld('employee_count', 'number', '职工人数', 'Number of employees', { min: 1, max: 100000, showIf: { field: 'has_employees', equals: 'yes' } }),
      fld('first_month', 'date', '首次缴费年月', 'First contribution month'),
      declaration(TRUTH, TRUTH_EN),
    ]),
  ]),
};

const fund: SeedItem = {
  org: MEMBER_ORGS.fund,
  content: content(MEMBER_ORGS.fund, {
    catalog_code: CODES.fund,
    task_name: '住房公积金单位缴存登记',
    task_name_en: 'Housing provident fund registration of an employer',
    task_type: 'public_service',
    by_law: '《住房公积金管理条例》第十四条：新设立的单位应当自设立之日起30日内到住房公积金管理中心办理住房公积金缴存登记。第十五条：单位录用职工的，应当自录用之日起30日内办理缴存登记。',
    accept_condition: '本县行政区域内新设立的企业、事业单位、民办非企业单位、社会团体等单位。本事项由住房和城乡建设局会同市住房公积金管理中心青山分中心在政务服务中心受理。',
    summary: '新设立的单位办理住房公积金缴存登记，开设单位公积金账户。',
    summary_en: 'A new employer registers with the housing provident fund and opens its fund account.',
    anticipate_day: 5,
    promise_day: 1,
    limit_scene_num: 0,
    online_handle_depth: 4,
    project_type: 'commitment',
    result_type: '登记信息',
    result_name: '住房公积金单位登记信息（单位公积金账号）',
    audiences: ['enterprise'],
    life_events: ['business', 'housing'],
    materials: [businessLicence('m1'), idCard('m2', '经办人', "Contact person's"), mat('m3', '住房公积金单位缴存登记表', 'Housing fund employer registration form', { note: '网上申请时由系统生成，无需另行提交' })],
    handle_flow: [step('网上申请', 'Apply online', '申请单位', 0), step('审核并开户', 'Check and open the account', '市住房公积金管理中心青山分中心', 1)],
    faqs: [faq('单位和职工的缴存比例是多少？', '单位和职工缴存比例均不低于5%、不高于12%，由单位在此范围内自主确定。')],
  }),
  form: form([
    page('p1', '单位信息', 'The employer', memberEnterprise()),
    page('p2', '缴存信息', 'Contributions', [
      choice('deposit_ratio', '缴存比例', 'Contribution rate', [['5', '5%', '5%'], ['8', '8%', '8%'], ['10', '10%', '10%'], ['12', '12%', '12%']]),
      fld('employee_count', 'number', '缴存职工人数', 'Employees contributing', { min: 0, max: 100000 }),
      fld('first_month', 'date', '首次缴存年月', 'First contribution month'),
      declaration(TRUTH, TRUTH_EN),
    ]),
  ]),
};

export const openBusinessItems: SeedItem[] = [company, seal, tax, social, fund];

const all = (key: string) => Object.fromEntries(Object.values(TC).map((c) => [c, key]));

export const openBusinessBundle: SeedBundle = {
  code: 'open-business',
  nameZh: '开办企业一件事',
  nameEn: 'Open a business',
  descriptionZh: '一次填报、一套材料，同步办理企业设立登记、公章刻制备案、新办纳税人涉税事项、单位参保登记和住房公积金单位缴存登记，全程网办，最快1个工作日办结。',
  descriptionEn: 'One form and one set of materials for company registration, seals, tax set-up, social insurance and housing fund registration; fully online, done in as little as one working day.',
  orgCode: '001015',
  audience: 'enterprise',
  lifeEvent: 'business',
  definition: {
    items: [TC.company, TC.seal, TC.tax, TC.social, TC.fund],
    sharedFields: [
      { field: fld('enterprise_name', 'text', '企业名称', 'Company name', { max: 100 }), maps: all('enterprise_name') },
      { field: fld('legal_rep_name', 'text', '法定代表人姓名', 'Legal representative', { max: 50 }), maps: all('legal_rep_name') },
      { field: legalRepId(), maps: { [TC.company]: 'legal_rep_id', [TC.seal]: 'legal_rep_id', [TC.tax]: 'legal_rep_id' } },
      { field: fld('reg_address', 'address', '住所（生产经营地址）', 'Registered address'), maps: { [TC.company]: 'reg_address', [TC.tax]: 'reg_address' } },
      { field: fld('registered_capital', 'number', '注册资本（万元）', 'Registered capital (10,000 yuan)', { min: 1, max: 1000000 }), maps: { [TC.company]: 'registered_capital', [TC.tax]: 'registered_capital' } },
      { field: fld('contact_name', 'text', '经办人姓名', 'Contact person', { prefill: 'realName', max: 50 }), maps: all('contact_name') },
      { field: fld('contact_phone', 'phone', '经办人联系电话', 'Contact phone', { prefill: 'phone' }), maps: all('contact_phone') },
      { field: memberEnterprise()[1]!, maps: { [TC.seal]: 'credit_code', [TC.tax]: 'credit_code', [TC.social]: 'credit_code', [TC.fund]: 'credit_code' } },
    ],
    sharedMaterials: [
      { id: 'legal_rep_id_card', name: { zh: '法定代表人居民身份证', en: "Legal representative's identity card" }, required: true, maps: { [TC.company]: 'm6', [TC.seal]: 'm2', [TC.tax]: 'm2' } },
      { id: 'contact_id_card', name: { zh: '经办人居民身份证', en: "Contact person's identity card" }, required: true, maps: { [TC.social]: 'm2', [TC.fund]: 'm2' } },
    ],
    results: [
      { zh: '营业执照（含电子营业执照）', en: 'Business licence (with electronic licence)' },
      { zh: '首套印章（免费）', en: 'First set of seals (free)' },
      { zh: '税务事项通知书及数电发票开票额度', en: 'Tax notice and digital invoice quota' },
      { zh: '单位社保编号', en: 'Social insurance number' },
      { zh: '单位住房公积金账号', en: 'Housing fund account' },
    ],
  },
};
