import type { FieldDef } from '../forms/form.types.js';
import {
  ALL_TOWNSHIPS, cert, choice, content, declaration, faq, file, fld, form, hukouBook, idCard, mat, page, person, shared, step, stop, taskCode, TRUTH, TRUTH_EN, yesNo,
  type SeedBundle, type SeedItem,
} from './common.js';

/** 出生一件事: birth certificate, household registration, residents' medical insurance, social security card. */

const ORGS = { certificate: '001011', hukou: '001003', medical: '001014', card: '001005' } as const;
const CODES = { certificate: '000111001000', hukou: '000103001000', medical: '000114002000', card: '000105003000' } as const;
const TC = {
  certificate: taskCode(CODES.certificate, ORGS.certificate),
  hukou: taskCode(CODES.hukou, ORGS.hukou),
  medical: taskCode(CODES.medical, ORGS.medical),
  card: taskCode(CODES.card, ORGS.card),
};

const GENDER: [string, string, string][] = [['male', '男', 'Male'], ['female', '女', 'Female']];
const babyName = () => fld('baby_name', 'text', '新生儿姓名', "Baby's name", { max: 50 });
const babyGender = () => choice('baby_gender', '新生儿性别', "Baby's sex", GENDER);
const babyBirthDate = () => fld('baby_birth_date', 'date', '出生日期', 'Date of birth');
const parents = (): FieldDef[] => [
  fld('mother_name', 'text', '母亲姓名', "Mother's name", { max: 50 }),
  fld('mother_id', 'idNumber', '母亲公民身份号码', "Mother's ID number"),
  fld('father_name', 'text', '父亲姓名', "Father's name", { max: 50 }),
  fld('father_id', 'idNumber', '父亲公民身份号码', "Father's ID number"),
];
const relation = () => choice('applicant_relation', '申请人与新生儿关系', 'Your relation to the baby', [['mother', '母亲', 'Mother'], ['father', '父亲', 'Father'], ['guardian', '其他监护人', 'Other guardian']]);
const parentsIdCards = (id: string, o = {}) => idCard(id, '父母双方', "Both parents'", o);
const marriage = (id: string) => cert(id, '结婚证', 'Marriage certificate', '结婚证', { required: false, note: '非婚生育的，提供相关情况说明' });
const HOSPITALS = '青山县人民医院、青山县妇幼保健院产科出生医学证明签发窗口（助产机构出院前办理）；或青山县政务服务中心二楼B区卫生健康窗口';

const certificate: SeedItem = {
  org: ORGS.certificate,
  content: content(ORGS.certificate, {
    catalog_code: CODES.certificate,
    task_name: '出生医学证明首次签发',
    task_name_en: 'First issue of the medical birth certificate',
    task_type: 'public_service',
    by_law:
      '《中华人民共和国母婴保健法》第二十三条：医疗保健机构和从事家庭接生的人员按照国务院卫生行政部门的规定，出具统一制发的新生儿出生医学证明。\n《卫生部 公安部关于加强出生医学证明管理的通知》（卫妇社发〔2009〕96号）。',
    accept_condition: '在本县取得助产技术服务资质的医疗机构内出生的新生儿，由其父母或其他监护人申请首次签发。',
    summary: '新生儿出生后，由助产机构签发《出生医学证明》，同步生成电子证照，用于办理户口登记、医保参保和社保卡申领。',
    summary_en: 'The maternity hospital issues the medical birth certificate (also as an electronic certificate), needed to register the baby’s hukou, medical insurance and social security card.',
    anticipate_day: 5,
    promise_day: 1,
    limit_scene_num: 0,
    online_handle_depth: 4,
    project_type: 'commitment',
    result_type: '证明',
    result_name: '出生医学证明（含电子证照）',
    transact_addr: HOSPITALS,
    audiences: ['individual'],
    life_events: ['birth', 'medical'],
    materials: [
      parentsIdCards('m1'),
      shared('m2', '住院分娩记录', 'Delivery record', '由助产机构从医院信息系统调取，申请人无需提交'),
      marriage('m3'),
    ],
    handle_flow: [
      step('申请（新生儿父母网上填报）', 'Parents apply online', '申请人', 0),
      step('核对分娩信息', 'Delivery record checked', '助产机构出生医学证明签发窗口', 1),
      step('签发并生成电子证照', 'Issued with its electronic certificate', '县卫生健康局（委托助产机构）', 0),
    ],
    faqs: [
      faq('新生儿姓名还没取好可以先办吗？', '出生医学证明须填写新生儿姓名，签发后如需更改姓名需办理变更手续，建议取好名后再申请。', 'Can we apply before choosing a name?', 'The certificate carries the baby’s name and changing it later takes a separate procedure, so choose the name first.'),
      faq('出生医学证明丢失怎么办？', '可向原签发机构申请补发，补发需登报声明作废或提供遗失说明。'),
    ],
  }),
  form: form(
    [
      page('p1', '新生儿信息', 'The baby', [
        yesNo('born_in_hospital', '新生儿是否在本县助产机构内出生', 'Was the baby born in a maternity hospital of the county?'),
        babyName(),
        babyGender(),
        babyBirthDate(),
        choice('birth_place', '出生机构', 'Place of birth', [['qsph', '青山县人民医院', 'Qingshan County People’s Hospital'], ['qsmch', '青山县妇幼保健院', 'Qingshan Maternal and Child Health Hospital'], ['other', '其他助产机构', 'Another maternity hospital']]),
        fld('birth_place_other', 'text', '其他助产机构名称', 'Name of the hospital', { max: 100, showIf: { field: 'birth_place', equals: 'other' } }),
        fld('birth_weight', 'number', '出生体重（克）', 'Birth weight (g)', { min: 300, max: 7000 }),
      ]),
      page('p2', '父母与申请人', 'Parents and applicant', [...parents(), ...person(), relation(), file('file_marriage', 'm3', '结婚证（如有）', 'Marriage certificate (if any)', false), declaration(TRUTH, TRUTH_EN)]),
    ],
    [stop('born_in_hospital', 'no', '非医疗机构内出生的，需经签发机构调查核实后签发，请携带相关证明到青山县妇幼保健院现场办理。', 'For a birth outside a hospital the issuing office must verify the birth first: please apply in person at the Maternal and Child Health Hospital.')],
  ),
};

const hukou: SeedItem = {
  org: ORGS.hukou,
  content: content(ORGS.hukou, {
    catalog_code: CODES.hukou,
    task_name: '出生登记（新生儿落户）',
    task_name_en: 'Birth registration (household registration of a newborn)',
    task_type: 'administrative_confirmation',
    by_law: '《中华人民共和国户口登记条例》第七条：婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记。\n《国务院办公厅关于解决无户口人员登记户口问题的意见》（国办发〔2015〕96号）。',
    accept_condition: '新生儿父母一方为本县常住户口的，可随父或随母申报常住户口。应当在婴儿出生后一个月内申报。',
    accept_condition_en: 'A baby one of whose parents has permanent hukou in the county may be registered with the father or the mother, within one month of birth.',
    summary: '为新生儿申报常住户口，登记后在户口簿上增加新生儿户口页，同时取得公民身份号码。',
    summary_en: 'Register a newborn’s permanent residence: a page is added to the household register and the baby receives a citizen ID number.',
    anticipate_day: 5,
    promise_day: 1,
    limit_scene_num: 0,
    online_handle_depth: 4,
    project_type: 'immediate',
    result_type: '证件',
    result_name: '居民户口簿（新生儿户口页）',
    handle_area: 'township',
    township_codes: ALL_TOWNSHIPS,
    transact_addr: '户籍所在地公安派出所户籍窗口；或青山县政务服务中心二楼C区公安综合窗口',
    audiences: ['individual'],
    life_events: ['birth', 'residence'],
    materials: [cert('m1', '出生医学证明', 'Medical birth certificate', '出生医学证明'), parentsIdCards('m2'), hukouBook('m3'), marriage('m4')],
    handle_flow: [step('网上申报', 'Apply online', '申请人', 0), step('审核并登记', 'Checked and registered', '公安局户政科（派出所户籍窗口）', 1), step('户口簿邮寄', 'Household register posted', '派出所', 0)],
    faqs: [faq('超过一个月没有申报出生登记怎么办？', '仍可申报，按规定提交相关材料，由派出所审核后办理，不影响新生儿落户。'), faq('新生儿可以随母落户吗？', '可以，父母双方协商一致后随父或随母落户均可。', 'Can the baby be registered with the mother?', 'Yes, with the father or the mother, as the parents agree.')],
  }),
  form: form(
    [
      page('p1', '新生儿信息', 'The baby', [babyName(), babyGender(), babyBirthDate(), choice('settle_with', '落户方式', 'Register with', [['father', '随父落户', 'The father'], ['mother', '随母落户', 'The mother']]), fld('hukou_address', 'address', '申报户口地址', 'Household address')]),
      page('p2', '父母与申请人', 'Parents and applicant', [yesNo('hukou_local', '父母一方是否为青山县常住户口', 'Does one parent have permanent hukou in Qingshan County?'), ...parents(), ...person(), relation(), declaration(TRUTH, TRUTH_EN)]),
    ],
    [stop('hukou_local', 'no', '父母双方均非本县户籍的，请向父亲或母亲常住户口所在地公安派出所申报出生登记。', 'If neither parent has hukou in the county, register the birth where the father or mother has hukou.')],
  ),
};

const PAY: [string, string, string][] = [['bank', '银行卡代扣', 'Bank debit'], ['online', '线上自助缴纳', 'Pay online myself']];

const medical: SeedItem = {
  org: ORGS.medical,
  content: content(ORGS.medical, {
    catalog_code: CODES.medical,
    task_name: '城乡居民基本医疗保险参保登记',
    task_name_en: "Enrolment in residents' basic medical insurance",
    task_type: 'public_service',
    by_law: '《中华人民共和国社会保险法》第二十五条：国家建立和完善城乡居民基本医疗保险制度……\n《国务院关于整合城乡居民基本医疗保险制度的意见》（国发〔2016〕3号）。',
    accept_condition: '本县户籍且未参加职工基本医疗保险的城乡居民（含新生儿、中小学生、大学生），以及持本县居住证的非本县户籍人员。新生儿出生后90日内参保缴费的，自出生之日起享受待遇。',
    summary: '为未参加职工医保的城乡居民（含新生儿）办理城乡居民医保参保登记。',
    summary_en: "Enrol residents who are not covered by employees' medical insurance, newborns included, in residents' basic medical insurance.",
    anticipate_day: 1,
    promise_day: 0,
    limit_scene_num: 0,
    online_handle_depth: 4,
    project_type: 'immediate',
    result_type: '登记信息',
    result_name: '城乡居民医保参保登记信息',
    handle_area: 'township',
    township_codes: ALL_TOWNSHIPS,
    audiences: ['individual'],
    life_events: ['birth', 'medical', 'social_security'],
    materials: [
      cert('m1', '参保人居民身份证或户口簿', "Insured person's identity card or household register", '居民身份证', { note: '新生儿可凭出生医学证明先行参保' }),
      cert('m2', '出生医学证明', 'Medical birth certificate', '出生医学证明', { required: false, note: '新生儿参保提供' }),
      idCard('m3', '监护人', "Guardian's", { required: false, note: '为未成年人办理的提供' }),
    ],
    handle_flow: [step('网上申请', 'Apply online', '申请人', 0), step('登记并生成缴费信息', 'Registered; contribution due', '医疗保障局参保登记窗口', 0)],
    faqs: [faq('新生儿什么时候参保最合适？', '出生后90日内参保缴费的，自出生之日起享受医保待遇，建议在办理出生登记时一并办理。', 'When should a newborn be enrolled?', 'Within 90 days of birth: benefits then start from the day of birth.')],
  }),
  form: form([
    page('p1', '参保人信息', 'The insured person', [
      choice('insured_type', '参保人员类别', 'Category', [['newborn', '新生儿', 'Newborn'], ['student', '中小学生', 'Pupil'], ['adult', '其他城乡居民', 'Other resident']]),
      fld('insured_name', 'text', '参保人姓名', 'Name of the insured', { max: 50 }),
      fld('insured_id', 'idNumber', '参保人公民身份号码', 'ID number of the insured', { required: false, hint: { zh: '新生儿可暂不填写，落户后自动补录', en: 'A newborn may leave this empty: it is added after registration' } }),
      fld('insured_birth_date', 'date', '出生日期', 'Date of birth'),
    ]),
    page('p2', '申请人与缴费', 'Applicant and payment', [
      ...person(),
      choice('pay_method', '缴费方式', 'How to pay', PAY),
      fld('bank_account', 'text', '代扣银行卡号', 'Bank card number', { max: 30, showIf: { field: 'pay_method', equals: 'bank' } }),
      declaration(TRUTH, TRUTH_EN),
    ]),
  ]),
};

const card: SeedItem = {
  org: ORGS.card,
  content: content(ORGS.card, {
    catalog_code: CODES.card,
    task_name: '社会保障卡申领',
    task_name_en: 'Application for a social security card',
    task_type: 'public_service',
    by_law: '《中华人民共和国社会保险法》第五十八条：……国家建立全国统一的个人社会保障号码。个人社会保障号码为公民身份号码。',
    accept_condition: '已在本县参加社会保险的人员（含已参加城乡居民医保的新生儿）。未满16周岁的，由监护人代为申领。',
    summary: '申领第三代社会保障卡（含金融功能），同步开通电子社保卡，可用于就医结算、待遇领取和交通出行。',
    summary_en: 'Apply for a third-generation social security card with banking functions, and its electronic version, for medical bills, benefits and transport.',
    anticipate_day: 20,
    promise_day: 5,
    limit_scene_num: 0,
    handle_type: ['window', 'online', 'post'],
    online_handle_depth: 4,
    project_type: 'commitment',
    result_type: '证卡',
    result_name: '社会保障卡（第三代）及电子社保卡',
    audiences: ['individual'],
    life_events: ['birth', 'social_security'],
    materials: [
      cert('m1', '申领人居民身份证或户口簿', "Applicant's identity card or household register", '居民身份证'),
      mat('m2', '近期免冠彩色证件照片', 'Recent passport-style colour photo', { format: 'electronic', originals: 0, note: '未满16周岁可不提供照片' , required: false }),
      idCard('m3', '监护人', "Guardian's", { required: false, note: '代未成年人申领的提供' }),
      mat('m4', '社会保障卡申领登记表', 'Social security card application form', { note: '网上申领的由系统生成' }),
    ],
    handle_flow: [step('网上申领', 'Apply online', '申请人', 0), step('信息核验与制卡', 'Checked and card made', '人力资源和社会保障局社保卡服务窗口', 4), step('邮寄或网点领取', 'Posted or collected', '合作银行网点', 1)],
    faqs: [faq('新生儿的社保卡有什么用？', '可用于就医时医保结算、预防接种登记等；电子社保卡在手机上即可使用。')],
  }),
  form: form([
    page('p1', '持卡人信息', 'Card holder', [
      fld('holder_name', 'text', '持卡人姓名', "Card holder's name", { max: 50 }),
      fld('holder_id', 'idNumber', '持卡人公民身份号码', "Card holder's ID number", { required: false, hint: { zh: '新生儿落户后自动补录', en: 'Added after a newborn’s registration' } }),
      fld('holder_birth_date', 'date', '持卡人出生日期', "Card holder's date of birth"),
      file('file_photo', 'm2', '证件照片', 'Photo', false),
    ]),
    page('p2', '申请人与领卡', 'Applicant and delivery', [
      ...person(),
      choice('card_bank', '服务银行', 'Bank', [['icbc', '中国工商银行', 'ICBC'], ['abc', '中国农业银行', 'Agricultural Bank of China'], ['ccb', '中国建设银行', 'China Construction Bank'], ['rcb', '青山农商银行', 'Qingshan Rural Commercial Bank']]),
      choice('card_delivery', '领卡方式', 'How to receive the card', [['branch', '银行网点领取', 'Collect at a branch'], ['post', '免费邮寄', 'Free post']]),
      fld('card_post_address', 'address', '邮寄地址', 'Postal address', { showIf: { field: 'card_delivery', equals: 'post' } }),
      declaration(TRUTH, TRUTH_EN),
    ]),
  ]),
};

export const birthItems: SeedItem[] = [certificate, hukou, medical, card];

const applicantMaps = (key: string) => Object.fromEntries(Object.values(TC).map((c) => [c, key]));

export const babyBirthBundle: SeedBundle = {
  code: 'baby-birth',
  nameZh: '出生一件事',
  nameEn: "A baby's birth",
  descriptionZh: '新生儿出生后，一次填报即可同步办理出生医学证明、出生登记（落户）、城乡居民医保参保登记和社会保障卡申领，最多跑一次，证照邮寄到家。',
  descriptionEn: "After a baby's birth, one form arranges the birth certificate, household registration, medical insurance and the social security card; results are posted home.",
  orgCode: '001015',
  audience: 'individual',
  lifeEvent: 'birth',
  definition: {
    items: [TC.certificate, TC.hukou, TC.medical, TC.card],
    sharedFields: [
      { field: person()[0]!, maps: applicantMaps('applicant_name') },
      { field: person()[1]!, maps: applicantMaps('applicant_id') },
      { field: person()[2]!, maps: applicantMaps('applicant_phone') },
      { field: babyName(), maps: { [TC.certificate]: 'baby_name', [TC.hukou]: 'baby_name', [TC.medical]: 'insured_name', [TC.card]: 'holder_name' } },
      { field: babyGender(), maps: { [TC.certificate]: 'baby_gender', [TC.hukou]: 'baby_gender' } },
      { field: babyBirthDate(), maps: { [TC.certificate]: 'baby_birth_date', [TC.hukou]: 'baby_birth_date', [TC.medical]: 'insured_birth_date', [TC.card]: 'holder_birth_date' } },
      ...parents().map((f) => ({ field: f, maps: { [TC.certificate]: f.key, [TC.hukou]: f.key } })),
      { field: relation(), maps: { [TC.certificate]: 'applicant_relation', [TC.hukou]: 'applicant_relation' } },
    ],
    sharedMaterials: [
      { id: 'parents_id_cards', name: { zh: '父母双方居民身份证', en: "Both parents' identity cards" }, required: true, maps: { [TC.certificate]: 'm1', [TC.hukou]: 'm2', [TC.medical]: 'm3', [TC.card]: 'm3' } },
      { id: 'marriage_certificate', name: { zh: '结婚证', en: 'Marriage certificate' }, required: false, maps: { [TC.certificate]: 'm3', [TC.hukou]: 'm4' } },
    ],
    results: [
      { zh: '出生医学证明（含电子证照）', en: 'Medical birth certificate (with electronic certificate)' },
      { zh: '新生儿户口登记及公民身份号码', en: 'Household registration and citizen ID number' },
      { zh: '城乡居民医保参保登记', en: "Residents' medical insurance enrolment" },
      { zh: '社会保障卡（邮寄到家）', en: 'Social security card (posted home)' },
    ],
  },
};
