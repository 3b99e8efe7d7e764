import {
  ALL_TOWNSHIPS, cert, choice, content, declaration, faq, file, fld, form, hukouBook, idCard, mat, page, person, shared, step, stop, TRUTH, TRUTH_EN, yesNo,
  type SeedItem,
} from './common.js';

/** Public security and education: residence permit, identity card, school enrolment, teacher qualification. */

const POLICE = '001003';
const EDUCATION = '001018';
const POLICE_ADDR = '居住地公安派出所户籍窗口；或青山县政务服务中心二楼C区公安综合窗口';

const permit: SeedItem = {
  org: POLICE,
  paperForm: 'm5',
  sample: { residence_address: '青山县城关街道文昌路66号2幢301室', employer_name: '青山县绿源茶叶有限公司' },
  content: content(POLICE, {
    catalog_code: '000103002000',
    task_name: '居住证申领',
    task_name_en: 'Application for a residence permit',
    task_handle_item: '居住证首次申领',
    task_type: 'administrative_confirmation',
    by_law:
      '《居住证暂行条例》第二条：公民离开常住户口所在地，到其他城市居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的，可以依照本条例的规定申领居住证。\n第九条：申领居住证，应当向居住地公安派出所或者受公安机关委托的社区服务机构提交本人居民身份证、本人相片以及居住地住址、就业、就读等证明材料。\n第十条：……公安机关应当自受理之日起15日内制作发放居住证。',
    accept_condition: '非本县户籍公民，在本县居住半年以上，且有合法稳定就业、合法稳定住所、连续就读条件之一的。',
    accept_condition_en: 'Citizens without county hukou who have lived in the county for six months or more and have stable work, a stable home or are studying here.',
    summary: '在本县居住半年以上的外来人员申领居住证，凭证享受本县义务教育、基本公共就业服务、基本医疗卫生等公共服务和便利。',
    summary_en: 'People from elsewhere who have lived in the county for six months apply for a residence permit, giving access to local schooling, employment services, health care and other public services.',
    anticipate_day: 15,
    anticipate_type: 'calendar_days',
    promise_day: 7,
    limit_scene_num: 1,
    handle_type: ['window', 'online', 'post'],
    online_handle_depth: 3,
    project_type: 'commitment',
    result_type: '证件',
    result_name: '居住证（含电子居住证）',
    handle_area: 'township',
    township_codes: ALL_TOWNSHIPS,
    transact_addr: POLICE_ADDR,
    audiences: ['individual'],
    life_events: ['residence'],
    materials: [
      idCard('m1'),
      mat('m2', '近期免冠证件照片', 'Recent passport-style photo', { format: 'electronic', originals: 0, note: '可使用居民身份证照片，无需另行提供' , required: false }),
      mat('m3', '居住证明', 'Proof of residence', { copies: 1, note: '房屋产权证明、房屋租赁合同或单位、学校出具的住宿证明' }),
      mat('m4', '就业或就读证明', 'Proof of work or study', { required: false, copies: 1, note: '劳动合同、营业执照或学校出具的就读证明，以合法稳定就业或就读申领的提供' }),
      mat('m5', '居住证申领登记表', 'Residence permit application form', { note: '网上申请时由系统生成' }),
    ],
    handle_flow: [step('网上申请或窗口申请', 'Apply online or at a window', '申请人', 0), step('审核', 'Check', '居住地公安派出所', 3), step('制证', 'Permit made', '公安局户政科', 3), step('领取或邮寄', 'Collected or posted', '派出所', 1)],
    faqs: [
      faq('居住证有效期多久？需要签注吗？', '居住证有效期一年，期满前一个月内需办理签注，签注后有效期延长一年。', 'How long is it valid?', 'One year; renew the endorsement in the month before it expires.'),
      faq('办理居住证收费吗？', '首次申领居住证不收费；换领、补领的收取工本费。'),
    ],
  }),
  form: form(
    [
      page('p1', '申请人', 'Applicant', [
        yesNo('half_year', '是否已在本县居住满半年', 'Have you lived in the county for six months or more?'),
        ...person(),
        fld('hukou_address', 'text', '户籍地址', 'Hukou address', { max: 200 }),
        fld('residence_address', 'address', '在本县居住地址', 'Address in the county'),
        fld('since', 'date', '在本县居住起始日期', 'Living here since'),
      ]),
      page('p2', '申领条件', 'Grounds', [
        choice('basis', '申领依据', 'Grounds', [['employment', '合法稳定就业', 'Stable work'], ['housing', '合法稳定住所', 'Stable home'], ['study', '连续就读', 'Studying']]),
        fld('employer_name', 'text', '就业单位名称', 'Employer', { max: 100, showIf: { field: 'basis', equals: 'employment' } }),
        choice('housing_type', '住所类型', 'Type of home', [['own', '自有住房', 'Own home'], ['rent', '租赁住房', 'Rented'], ['dorm', '单位或学校宿舍', 'Dormitory']], { showIf: { field: 'basis', equals: 'housing' } }),
        fld('school_name', 'text', '就读学校', 'School', { max: 100, showIf: { field: 'basis', equals: 'study' } }),
        file('file_residence', 'm3', '居住证明', 'Proof of residence'),
        file('file_work', 'm4', '就业或就读证明', 'Proof of work or study', false),
        choice('delivery', '领证方式', 'How to receive the permit', [['pickup', '派出所领取', 'Collect at the police station'], ['post', '邮寄', 'By post']]),
        fld('post_address', 'address', '邮寄地址', 'Postal address', { showIf: { field: 'delivery', equals: 'post' } }),
        declaration(TRUTH, TRUTH_EN),
      ]),
    ],
    [stop('half_year', 'no', '在本县居住不满半年的，暂不符合居住证申领条件。请先到居住地派出所或社区办理居住登记，满半年后再申请。', 'You must have lived in the county for six months. Register your residence at the local police station first and apply after six months.')],
  ),
  // Version 2: the committed time shortened to 5 working days, and the electronic permit.
  revise: (c) => ({
    content: {
      ...c,
      promise_day: 5,
      handle_flow: c.handle_flow.map((s) => (s.name === '制证' ? { ...s, days: 1 } : s)),
      faqs: [...c.faqs, faq('电子居住证怎么用？', '居住证制发后同步生成电子居住证，可在“青山政务”APP中亮证使用，与实体证件具有同等效力。', 'How do I use the electronic permit?', 'It is issued with the card and shown in the Qingshan government app, with the same force as the card.')],
    },
  }),
};

const idCardRenewal: SeedItem = {
  org: POLICE,
  content: content(POLICE, {
    catalog_code: '000103003000',
    task_name: '居民身份证换领、补领',
    task_name_en: 'Renewal or replacement of the resident identity card',
    task_type: 'administrative_confirmation',
    by_law:
      '《中华人民共和国居民身份证法》第八条、第十一条：居民身份证有效期满、公民姓名变更或者证件严重损坏不能辨认的，应当申请换领新证；居民身份证丢失的，应当申请补领。\n第二十条：公民申请领取、换领、补领居民身份证，应当缴纳证件工本费。',
    accept_condition: '本县户籍公民居民身份证有效期满、登记项目变更、严重损坏不能辨认或丢失的。非本县户籍公民可在本县办理跨省异地换领、补领。',
    summary: '居民身份证到期、损坏或丢失时换领或补领，须本人到场采集人像和指纹，新证可邮寄到家。',
    summary_en: 'Renew or replace an expired, damaged or lost identity card; come in person for the photo and fingerprints; the new card can be posted home.',
    anticipate_day: 60,
    anticipate_type: 'calendar_days',
    promise_day: 15,
    limit_scene_num: 1,
    handle_type: ['window', 'post'],
    online_handle_depth: 2,
    is_express: true,
    is_fee: true,
    fees: [
      { name: '居民身份证工本费（换领、补领）', standard: '20元/证', basis: '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）', reducible: true },
      { name: '临时居民身份证工本费', standard: '10元/证', basis: '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）', reducible: false },
    ],
    project_type: 'commitment',
    result_type: '证件',
    result_name: '中华人民共和国居民身份证',
    handle_area: 'township',
    township_codes: ALL_TOWNSHIPS,
    transact_addr: POLICE_ADDR,
    audiences: ['individual'],
    life_events: ['residence'],
    materials: [hukouBook('m1'), idCard('m2', '原', 'The old', { required: false, note: '换领的交回原证；补领的无需提供' }), mat('m3', '数码相片回执', 'Digital photo receipt', { required: false, note: '可在窗口现场免费拍照' })],
    handle_flow: [step('现场采集人像、指纹并缴费', 'Photo, fingerprints and fee at the window', '派出所户籍窗口', 0), step('审核与制证', 'Check and card production', '公安局户政科', 13), step('领证或邮寄', 'Collected or posted', '派出所', 2)],
    faqs: [faq('低保对象换领身份证要交费吗？', '城市中领取最低生活保障金的居民、农村中有特殊生活困难的居民，换领居民身份证时免收工本费。', 'Do minimum-allowance recipients pay?', 'No: the fee is waived for them when renewing.')],
  }),
};

const school: SeedItem = {
  org: EDUCATION,
  content: content(EDUCATION, {
    catalog_code: '000118001000',
    task_name: '义务教育阶段新生入学报名（小学一年级）',
    task_name_en: 'Primary school enrolment (first grade)',
    task_type: 'public_service',
    by_law: '《中华人民共和国义务教育法》第十一条：凡年满六周岁的儿童，其父母或者其他法定监护人应当送其入学接受并完成义务教育。\n第十二条：适龄儿童、少年免试入学。地方各级人民政府应当保障适龄儿童、少年在户籍所在地学校就近入学。',
    accept_condition: '年满6周岁（2020年8月31日及以前出生）的本县户籍适龄儿童，或父母一方持有本县有效居住证的随迁子女。',
    summary: '适龄儿童的家长网上报名小学一年级，按学区划分就近入学，随迁子女凭居住证报名。',
    summary_en: 'Parents of six-year-olds enrol them online in first grade at the school of their catchment area; children of migrants enrol with a parent’s residence permit.',
    anticipate_day: 20,
    promise_day: 10,
    limit_scene_num: 0,
    online_handle_depth: 4,
    is_express: false,
    project_type: 'commitment',
    result_type: '通知',
    result_name: '新生入学通知（学位安排结果）',
    audiences: ['individual'],
    life_events: ['schooling'],
    materials: [hukouBook('m1'), idCard('m2', '父母（监护人）', "Parents' (guardian's)"), mat('m3', '房屋产权证明或住房租赁备案证明', 'Proof of home ownership or registered lease', { copies: 1 }), cert('m4', '居住证', 'Residence permit', '居住证', { required: false, note: '随迁子女提供' })],
    handle_flow: [step('网上报名', 'Online enrolment', '家长', 0), step('资格审核', 'Eligibility check', '学区学校、教育局基础教育科', 7), step('学位安排并发送通知', 'Place allocated and notified', '教育局基础教育科', 3)],
    faqs: [faq('学区怎么划分？', '以教育局每年公布的各小学招生学区范围为准，按户籍和实际居住地对应学区就近入学。'), faq('随迁子女需要什么条件？', '父母一方持有本县有效居住证，并在本县合法稳定就业或居住。')],
  }),
  form: form(
    [
      page('p1', '儿童信息', 'The child', [
        yesNo('age_ok', '儿童是否在2020年8月31日及以前出生', 'Was the child born on or before 31 August 2020?'),
        fld('child_name', 'text', '儿童姓名', "Child's name", { max: 50 }),
        fld('child_id', 'idNumber', '儿童公民身份号码', "Child's ID number"),
        choice('child_gender', '性别', 'Sex', [['male', '男', 'Male'], ['female', '女', 'Female']]),
        choice('hukou_type', '户籍情况', 'Residence', [['local', '本县户籍', 'Hukou in the county'], ['migrant', '随迁子女（父母持本县居住证）', 'Migrant family with a county residence permit']]),
        fld('permit_no', 'text', '父母居住证号码', "Parent's residence permit number", { max: 30, showIf: { field: 'hukou_type', equals: 'migrant' } }),
      ]),
      page('p2', '家长与学校', 'Parent and school', [
        ...person(),
        fld('home_address', 'address', '实际居住地址', 'Home address'),
        choice('school', '学区学校', 'Catchment school', [['chengguan', '青山县城关小学', 'Chengguan Primary School'], ['dongcheng', '青山县东城实验小学', 'Dongcheng Experimental Primary School'], ['qingshan', '青山镇中心小学', 'Qingshan Town Central Primary School'], ['yunxi', '云溪镇中心小学', 'Yunxi Town Central Primary School']]),
        file('file_home', 'm3', '房屋产权证明或住房租赁备案证明', 'Proof of home'),
        declaration(TRUTH, TRUTH_EN),
      ]),
    ],
    [stop('age_ok', 'no', '儿童未满入学年龄（须在2020年8月31日及以前出生），请于明年报名。', 'The child is too young this year (born after 31 August 2020): please enrol next year.')],
  ),
};

const teacher: SeedItem = {
  org: EDUCATION,
  content: content(EDUCATION, {
    catalog_code: '000118002000',
    task_name: '教师资格认定（幼儿园、小学、初级中学）',
    task_name_en: 'Teacher qualification (kindergarten, primary and junior secondary)',
    task_type: 'administrative_licence',
    by_law: '《中华人民共和国教师法》第十条、第十一条；第十三条：幼儿园、小学和初级中学教师资格，由县级以上地方人民政府教育行政部门认定。\n《教师资格条例》第十三条。',
    accept_condition: '遵守宪法和法律，热爱教育事业，具有良好的思想品德；具备《教师法》规定的学历；通过中小学和幼儿园教师资格考试；普通话水平达到二级乙等及以上；体检合格。户籍、居住证或就读学校在本县的，由本县教育局认定。',
    summary: '通过教师资格考试的人员申请幼儿园、小学、初级中学教师资格认定，合格的颁发教师资格证书。',
    summary_en: 'Candidates who passed the teacher qualification exam apply for the kindergarten, primary or junior secondary qualification; successful ones receive the certificate.',
    anticipate_day: 30,
    anticipate_type: 'calendar_days',
    promise_day: 15,
    limit_scene_num: 1,
    online_handle_depth: 3,
    project_type: 'commitment',
    result_type: '证书',
    result_name: '教师资格证书',
    audiences: ['individual'],
    life_events: ['employment'],
    materials: [
      idCard('m1'),
      cert('m2', '学历证书', 'Diploma', '学历证书'),
      shared('m3', '中小学和幼儿园教师资格考试合格证明', 'Teacher exam certificate', '通过全国教师资格管理信息系统核验，无需提交'),
      cert('m4', '普通话水平测试等级证书', 'Putonghua proficiency certificate', '普通话水平测试等级证书'),
      mat('m5', '教师资格认定体检表', 'Medical examination form', { note: '在县指定医院体检' }),
    ],
    handle_flow: [step('网上申报', 'Apply online', '申请人', 0), step('现场确认与体检', 'Confirmation and medical', '教育局教师资格认定窗口、县指定医院', 5), step('审查认定', 'Examination', '教育局教师资格认定委员会', 8), step('发证', 'Certificate issued', '教育局', 2)],
    faqs: [faq('教师资格证书可以邮寄吗？', '可以。申请时选择邮寄的，证书制作完成后免费寄送。')],
  }),
  form: form(
    [
      page('p1', '申请人', 'Applicant', [...person(), yesNo('passed_exam', '是否已取得教师资格考试合格证明', 'Have you passed the teacher qualification exam?')]),
      page('p2', '认定信息', 'Qualification', [
        choice('level', '资格种类', 'Level', [['kindergarten', '幼儿园', 'Kindergarten'], ['primary', '小学', 'Primary'], ['junior', '初级中学', 'Junior secondary']]),
        fld('subject', 'text', '任教学科', 'Subject', { max: 50, required: false }),
        choice('education', '最高学历', 'Highest education', [['secondary', '中专（幼儿师范）', 'Secondary (preschool teacher training)'], ['college', '大专', 'College'], ['bachelor', '本科', "Bachelor's"], ['master', '研究生', 'Postgraduate']]),
        choice('putonghua', '普通话水平等级', 'Putonghua level', [['2b', '二级乙等', '2B'], ['2a', '二级甲等', '2A'], ['1b', '一级乙等', '1B'], ['1a', '一级甲等', '1A']]),
        file('file_medical', 'm5', '体检表', 'Medical examination form'),
        declaration(TRUTH, TRUTH_EN),
      ]),
    ],
    [stop('passed_exam', 'no', '申请教师资格认定须先通过中小学和幼儿园教师资格考试（或取得免试认定资格）。', 'You must pass the teacher qualification exam first.')],
  ),
};

export const residenceItems: SeedItem[] = [permit, idCardRenewal, school, teacher];
