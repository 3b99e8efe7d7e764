import {
  ALL_TOWNSHIPS, businessLicence, cert, choice, content, declaration, enterprise, faq, file, fld, form, idCard, mat, page, person, shared, step, stop, TOWNSHIP_ADDR, TRUTH, TRUTH_EN, yesNo,
  type SeedItem,
} from './common.js';

/** Construction and housing: planning and building permits, road excavation, EIA, property transfer, public rental housing. */

const PLANNING = '001006';
const HOUSING = '001007';
const project = () => [fld('project_name', 'text', '项目名称', 'Project name', { max: 200 }), fld('project_address', 'address', '建设地点', 'Project location')];

const planning: SeedItem = {
  org: PLANNING,
  paperForm: 'm1',
  sample: { project_name: '青山县绿源茶叶有限公司茶叶加工厂房项目', land_cert_no: '浙（2026）青山县不动产权第0001234号' },
  content: content(PLANNING, {
    catalog_code: '000106001000',
    task_name: '建设工程规划许可证核发',
    task_name_en: 'Construction project planning permit',
    task_type: 'administrative_licence',
    by_law:
      '《中华人民共和国城乡规划法》第四十条：在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当向城市、县人民政府城乡规划主管部门或者省、自治区、直辖市人民政府确定的镇人民政府申请办理建设工程规划许可证。申请办理建设工程规划许可证，应当提交使用土地的有关证明文件、建设工程设计方案等材料。\n《中华人民共和国行政许可法》第四十二条。',
    accept_condition: '在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设，已取得国有建设用地使用权，建设工程设计方案符合控制性详细规划和规划条件的建设单位或者个人。',
    summary: '在城镇规划区内新建、改建、扩建建筑物、构筑物等工程，开工前须取得建设工程规划许可证；设计方案由相关部门并联审查。',
    summary_en: 'New, altered or extended buildings and structures in the town planning area need a planning permit before work starts; the design is reviewed by several departments in parallel.',
    anticipate_day: 20,
    promise_day: 5,
    limit_scene_num: 0,
    online_handle_depth: 4,
    project_type: 'commitment',
    result_type: '证照',
    result_name: '建设工程规划许可证（含电子证照）',
    transact_addr: '青山县政务服务中心三楼F区工程建设项目审批窗口（青山县城关街道人民路88号）',
    audiences: ['enterprise'],
    life_events: ['construction'],
    materials: [
      mat('m1', '建设工程规划许可证申请表', 'Planning permit application form'),
      cert('m2', '不动产权证书（国有建设用地使用权）', 'Real estate title (land use right)', '不动产权证书'),
      mat('m3', '建设工程设计方案（总平面图及建筑单体方案）', 'Design scheme (site plan and building design)', { format: 'electronic', originals: 0 }),
      businessLicence('m4'),
      mat('m5', '授权委托书', 'Power of attorney', { required: false }),
    ],
    handle_flow: [
      step('网上申报与受理', 'Online application and acceptance', '工程建设项目审批窗口', 0),
      step('设计方案联合审查', 'Joint review of the design', '自然资源和规划局牵头', 3, { parallel_departments: ['001006', '001007', '001019', '001020'], description: '规划、住建（消防、人防）、生态环境、城管（市政配套）并联审查，一次性出具意见' }),
      step('批前公示与审批决定', 'Public notice and decision', '自然资源和规划局', 2),
    ],
    faqs: [
      faq('什么是“并联审批”？', '设计方案由自然资源和规划局牵头，住建、生态环境、城管等部门同时审查、一次性反馈意见，申请人无需逐个部门跑。', 'What is parallel review?', 'The planning bureau leads and the housing, environment and urban management departments review at the same time and answer together.'),
      faq('设计方案需要公示吗？', '需要。涉及相邻权益的，批前在项目现场和政府网站公示，公示期不少于7天，公示期不计入承诺时限。'),
    ],
  }),
  form: form(
    [
      page('p1', '建设单位', 'Developer', enterprise()),
      page('p2', '项目信息', 'Project', [
        yesNo('in_planning_area', '项目是否位于城市、镇规划区内', 'Is the project inside the town planning area?'),
        ...project(),
        fld('land_cert_no', 'text', '不动产权证书号', 'Land title number', { max: 100 }),
        choice('use', '建筑用途', 'Use', [['residential', '居住', 'Residential'], ['commercial', '商业服务', 'Commercial'], ['industrial', '工业', 'Industrial'], ['public', '公共管理与公共服务', 'Public facilities']]),
        fld('floor_area', 'number', '总建筑面积（平方米）', 'Total floor area (m²)', { min: 1, max: 10000000 }),
        fld('height', 'number', '建筑高度（米）', 'Building height (m)', { min: 1, max: 500 }),
        file('file_design', 'm3', '建设工程设计方案', 'Design scheme'),
        declaration(TRUTH, TRUTH_EN),
      ]),
    ],
    [stop('in_planning_area', 'no', '城市、镇规划区以外的乡村建设项目，请申请乡村建设规划许可证。', 'Outside the town planning area, apply for a rural construction planning permit instead.')],
  ),
};

const building: SeedItem = {
  org: HOUSING,
  content: content(HOUSING, {
    catalog_code: '000107001000',
    task_name: '建筑工程施工许可证核发',
    task_name_en: 'Construction permit for building works',
    task_type: 'administrative_licence',
    by_law:
      '《中华人民共和国建筑法》第七条：建筑工程开工前，建设单位应当按照国家有关规定向工程所在地县级以上人民政府建设行政主管部门申请领取施工许可证。第八条。\n《建筑工程施工许可管理办法》第二条、第四条、第五条。',
    accept_condition: '工程投资额在30万元以上或者建筑面积在300平方米以上的房屋建筑工程：已办理用地批准手续；已取得建设工程规划许可证；施工场地已基本具备施工条件；已确定施工企业；有满足施工需要的资金安排、施工图纸及技术资料；有保证工程质量和安全的具体措施。',
    summary: '房屋建筑工程开工前，建设单位申请领取施工许可证，施工图审查合格书、规划许可等通过系统共享，无需重复提交。',
    summary_en: 'Before building works start, the developer obtains a construction permit; the planning permit and design review are shared between systems and need not be submitted again.',
    anticipate_day: 7,
    anticipate_type: 'calendar_days',
    promise_day: 3,
    limit_scene_num: 0,
    online_handle_depth: 4,
    project_type: 'commitment',
    result_type: '证照',
    result_name: '建筑工程施工许可证（电子证照）',
    audiences: ['enterprise'],
    life_events: ['construction'],
    materials: [
      mat('m1', '建筑工程施工许可证申请表', 'Construction permit application form', { note: '网上申报时由系统生成' }),
      cert('m2', '建设工程规划许可证', 'Planning permit', '建设工程规划许可证'),
      mat('m3', '施工合同', 'Construction contract', { format: 'electronic', originals: 0 }),
      shared('m4', '施工图设计文件审查合格书', 'Design review approval', '通过施工图审查系统共享获取'),
      mat('m5', '建设资金已落实承诺书', 'Undertaking on funding'),
    ],
    handle_flow: [step('网上申报', 'Apply online', '建设单位', 0), step('审查', 'Examination', '住房和城乡建设局建筑业管理股', 2), step('发证', 'Permit issued', '住房和城乡建设局', 1)],
    faqs: [faq('小型工程也要办施工许可证吗？', '工程投资额30万元以下或建筑面积300平方米以下的建筑工程，可以不申请办理施工许可证。', 'Do small works need a permit?', 'Works under 300,000 yuan or 300 m² need none.')],
  }),
  form: form(
    [
      page('p1', '建设单位', 'Developer', enterprise()),
      page('p2', '工程信息', 'Works', [
        yesNo('above_threshold', '工程投资额是否在30万元以上或建筑面积在300平方米以上', 'Is the investment over 300,000 yuan or the floor area over 300 m²?'),
        ...project(),
        fld('planning_permit_no', 'text', '建设工程规划许可证号', 'Planning permit number', { max: 100 }),
        fld('contract_price', 'number', '合同价格（万元）', 'Contract price (10,000 yuan)', { min: 0 }),
        fld('builder', 'text', '施工单位', 'Builder', { max: 100 }),
        fld('supervisor_company', 'text', '监理单位', 'Supervising engineer', { max: 100, required: false }),
        fld('start_date', 'date', '计划开工日期', 'Planned start'),
        file('file_contract', 'm3', '施工合同', 'Construction contract'),
        declaration(TRUTH, TRUTH_EN),
      ]),
    ],
    [stop('above_threshold', 'no', '工程投资额30万元以下且建筑面积300平方米以下的建筑工程，无需申请施工许可证。', 'Works under both thresholds need no construction permit.')],
  ),
};

const excavation: SeedItem = {
  org: '001020',
  paperForm: 'm1',
  sample: { project_name: '人民路燃气管道迁改工程', road_name: '人民路（文昌路至北苑路段）', emergency: 'no' },
  content: content('001020', {
    catalog_code: '000120001000',
    task_name: '城市道路挖掘许可',
    task_name_en: 'Permit to excavate a city road',
    task_type: 'administrative_licence',
    by_law:
      '《城市道路管理条例》第三十条：未经市政工程行政主管部门和公安交通管理部门批准，任何单位或者个人不得占用或者挖掘城市道路。\n第三十三条：因工程建设需要挖掘城市道路的，应当提交城市规划部门批准签发的文件和有关设计文件，经市政工程行政主管部门和公安交通管理部门批准，方可按照规定挖掘。\n《城市道路占用挖掘收费管理办法》（建城〔1993〕410号）。',
    accept_condition: '因工程建设需要挖掘城市道路，已取得规划批准文件，有施工设计文件、交通组织方案和安全保障措施的建设单位。新建、扩建、改建的城市道路交付使用后5年内、大修的城市道路竣工后3年内不得挖掘，确需挖掘的须经县人民政府批准。',
    summary: '因敷设管线等工程需要挖掘城市道路的，须经城管（市政）和公安交警部门批准，并缴纳道路挖掘修复费或自行修复。',
    summary_en: 'Digging up a city road, e.g. to lay pipes, requires approval by urban management and the traffic police, and a repair fee unless the applicant restores the road itself.',
    anticipate_day: 20,
    promise_day: 3,
    limit_scene_num: 0,
    online_handle_depth: 3,
    is_fee: true,
    fees: [
      {
        name: '城市道路挖掘修复费',
        standard: '按挖掘面积和路面结构计收：沥青混凝土车行道420元/平方米，水泥混凝土车行道380元/平方米，人行道200元/平方米；由申请单位自行修复并经验收合格的不收取',
        basis: '《城市道路管理条例》第三十七条；《城市道路占用挖掘收费管理办法》（建城〔1993〕410号）；省价格、财政主管部门核定的收费标准',
        reducible: false,
      },
    ],
    project_type: 'commitment',
    result_type: '批准文件',
    result_name: '城市道路挖掘许可决定书',
    audiences: ['enterprise'],
    life_events: ['construction', 'transport'],
    materials: [
      mat('m1', '城市道路挖掘申请表', 'Road excavation application form'),
      mat('m2', '规划批准文件', 'Planning approval', { copies: 1, note: '建设工程规划许可证或管线工程规划批准文件' }),
      mat('m3', '施工设计图及交通组织方案', 'Works drawings and traffic management plan', { format: 'electronic', originals: 0 }),
      mat('m4', '施工安全保障措施及修复承诺书', 'Safety measures and reinstatement undertaking'),
      businessLicence('m5'),
    ],
    handle_flow: [
      step('受理', 'Acceptance', '城市管理局市政公用窗口', 0),
      step('联合审查（城管与公安交警并联）', 'Joint review by urban management and traffic police', '城市管理局牵头', 2, { parallel_departments: ['001020', '001003'] }),
      step('作出许可决定', 'Decision', '城市管理局', 1),
    ],
    faqs: [
      faq('管线抢修来不及办许可怎么办？', '埋设在城市道路下的管线发生故障需要紧急抢修的，可以先行破路抢修，同时通知城管和公安交警部门，并在24小时内补办批准手续。', 'What about emergency repairs?', 'Emergency pipe repairs may start at once; notify urban management and the traffic police and complete the permit within 24 hours.'),
      faq('可以自己修复路面吗？', '可以。申请时选择自行修复的，须按标准修复并经城管部门验收合格，不再缴纳挖掘修复费。'),
    ],
  }),
  form: form(
    [
      page('p1', '申请单位', 'Applicant', enterprise()),
      page('p2', '挖掘信息', 'Excavation', [
        yesNo('protected_road', '挖掘路段是否为新建改建后交付使用不满5年或大修后不满3年的道路', 'Is the road within 5 years of construction or 3 years of major repair?'),
        fld('project_name', 'text', '工程名称', 'Works', { max: 200 }),
        fld('road_name', 'text', '挖掘道路名称及路段', 'Road and section', { max: 200 }),
        choice('surface', '路面结构', 'Surface', [['asphalt', '沥青混凝土车行道', 'Asphalt carriageway'], ['concrete', '水泥混凝土车行道', 'Concrete carriageway'], ['sidewalk', '人行道', 'Pavement']]),
        fld('dig_length', 'number', '挖掘长度（米）', 'Length (m)', { min: 1, max: 10000 }),
        fld('dig_width', 'number', '挖掘宽度（米）', 'Width (m)', { min: 0.1, max: 100 }),
        fld('start_date', 'date', '计划开工日期', 'Start'),
        fld('end_date', 'date', '计划完工日期', 'Finish'),
        yesNo('self_repair', '是否由申请单位自行修复路面', 'Will you restore the surface yourselves?'),
        yesNo('emergency', '是否为管线故障紧急抢修（补办手续）', 'Is this an emergency repair (permit after the event)?'),
        fld('emergency_reason', 'textarea', '抢修原因说明', 'Reason for the emergency', { max: 1000, showIf: { field: 'emergency', equals: 'yes' } }),
        file('file_plan', 'm3', '施工设计图及交通组织方案', 'Drawings and traffic plan'),
        declaration(TRUTH, TRUTH_EN),
      ]),
    ],
    [stop('protected_road', 'yes', '该路段处于禁挖期（新建、改建交付使用后5年内或大修竣工后3年内），须报经青山县人民政府批准后方可申请。', 'The road is in its no-dig period: approval by the county government is needed before applying.')],
  ),
};

const eia: SeedItem = {
  org: '001019',
  content: content('001019', {
    catalog_code: '000119001000',
    task_name: '建设项目环境影响报告表审批',
    task_name_en: 'Approval of an environmental impact report form',
    task_type: 'administrative_licence',
    by_law: '《中华人民共和国环境影响评价法》第二十二条：……审批部门应当自收到环境影响报告书之日起六十日内，收到环境影响报告表之日起三十日内，分别作出审批决定并书面通知建设单位。\n《建设项目环境保护管理条例》第九条。',
    accept_condition: '按《建设项目环境影响评价分类管理名录》应当编制环境影响报告表、由县级生态环境部门审批的建设项目。',
    summary: '可能对环境造成轻度影响的建设项目，开工前报批环境影响报告表。',
    summary_en: 'Projects with a moderate environmental impact submit an environmental impact report form for approval before work starts.',
    anticipate_day: 30,
    anticipate_type: 'calendar_days',
    promise_day: 10,
    limit_scene_num: 0,
    online_handle_depth: 4,
    project_type: 'commitment',
    result_type: '批准文件',
    result_name: '建设项目环境影响报告表审批意见',
    audiences: ['enterprise'],
    life_events: ['construction', 'business'],
    materials: [mat('m1', '建设项目环境影响报告表审批申请书', 'EIA approval application'), mat('m2', '建设项目环境影响报告表', 'Environmental impact report form', { format: 'electronic', originals: 0 }), businessLicence('m3')],
    handle_flow: [step('网上申报与受理', 'Application and acceptance', '工程建设项目审批窗口', 0), step('技术评估与审查', 'Technical review', '生态环境局', 7), step('审批决定', 'Decision', '生态环境局', 3)],
    faqs: [faq('报告表需要自己编写吗？', '建设单位可以委托技术单位编制，也可以自行编制，对报告表的内容和结论负责。')],
  }),
  form: form([
    page('p1', '建设单位', 'Developer', enterprise()),
    page('p2', '项目信息', 'Project', [
      ...project(),
      fld('industry', 'text', '国民经济行业类别', 'Industry', { max: 100 }),
      fld('investment', 'number', '总投资（万元）', 'Total investment (10,000 yuan)', { min: 0 }),
      fld('env_investment', 'number', '环保投资（万元）', 'Environmental investment (10,000 yuan)', { min: 0 }),
      yesNo('sensitive', '是否涉及生态保护红线、饮用水水源保护区等环境敏感区', 'Does it touch an ecologically sensitive area?'),
      fld('sensitive_detail', 'textarea', '涉及的环境敏感区说明', 'Which sensitive areas', { max: 1000, showIf: { field: 'sensitive', equals: 'yes' } }),
      file('file_report', 'm2', '环境影响报告表', 'Environmental impact report form'),
      declaration(TRUTH, TRUTH_EN),
    ]),
  ]),
};

const property: SeedItem = {
  org: PLANNING,
  paperForm: 'm1',
  sample: { property_address: '青山县城关街道文昌路66号2幢301室', seller_name: '王建国' },
  content: content(PLANNING, {
    catalog_code: '000106002000',
    task_name: '国有建设用地使用权及房屋所有权转移登记（二手房买卖）',
    task_name_en: 'Transfer registration of land use right and house ownership (resale)',
    task_type: 'administrative_confirmation',
    by_law:
      '《中华人民共和国民法典》第二百零九条、第二百一十四条。\n《不动产登记暂行条例》第三条、第十四条；第二十条：不动产登记机构应当自受理登记申请之日起30个工作日内办结不动产登记手续，法律另有规定的除外。\n《不动产登记暂行条例实施细则》第三十八条。',
    accept_condition: '已办理不动产首次登记的房屋，因买卖导致权属转移，买卖双方已签订存量房买卖合同并完成网签备案、依法缴纳税费的。',
    summary: '二手房买卖后办理转移登记，“交房即交证”：登记、缴税一窗受理，一般3个工作日内办结，电子证照同步生成。',
    summary_en: 'After a resale, register the transfer: registration and taxes at one window, usually within 3 working days, with an electronic title.',
    anticipate_day: 30,
    promise_day: 3,
    limit_scene_num: 1,
    online_handle_depth: 3,
    is_fee: true,
    fees: [
      { name: '不动产登记费（住宅）', standard: '80元/件', basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）', reducible: true },
      { name: '不动产登记费（非住宅）', standard: '550元/件', basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）', reducible: false },
      { name: '不动产权属证书工本费', standard: '向一个申请人核发一本证书的免收；每增加一本加收10元', basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）', reducible: false },
    ],
    project_type: 'commitment',
    result_type: '证照',
    result_name: '不动产权证书（含电子证照）',
    transact_addr: '青山县政务服务中心三楼E区不动产登记窗口（青山县城关街道人民路88号）',
    audiences: ['individual', 'enterprise'],
    life_events: ['housing'],
    materials: [
      mat('m1', '不动产登记申请书', 'Real estate registration application'),
      idCard('m2', '买卖双方', "Buyer's and seller's"),
      cert('m3', '不动产权证书', 'Real estate title', '不动产权证书'),
      shared('m4', '存量房买卖合同（网签备案）', 'Registered resale contract', '通过存量房网签备案系统共享获取'),
      shared('m5', '完税凭证', 'Tax payment record', '税务部门一窗受理后共享'),
      cert('m6', '婚姻状况证明', 'Proof of marital status', '结婚证', { required: false }),
    ],
    handle_flow: [step('一窗受理（登记、税务）', 'One window for registration and tax', '不动产登记窗口', 0), step('审核登簿', 'Examination and entry in the register', '自然资源和规划局不动产登记中心', 2), step('缮证发证', 'Title issued', '不动产登记中心', 1)],
    faqs: [
      faq('买卖双方都要到场吗？', '原则上双方到场核验身份、签字；也可通过线上“不见面”面签，或委托代理人办理。', 'Must both parties come?', 'Normally yes, to verify identity and sign; remote signing online or an agent is also possible.'),
      faq('登记费由谁缴纳？', '转移登记的登记费由登记申请人（买受人）缴纳；小微企业（含个体工商户）免收登记费。'),
    ],
  }),
  form: form([
    page('p1', '买受人', 'Buyer', [...person(), choice('ownership', '共有情况', 'Ownership', [['single', '单独所有', 'Sole owner'], ['joint', '共同共有', 'Joint ownership'], ['share', '按份共有', 'Shares']])]),
    page('p2', '共有人', 'Co-owners', [
      fld('co_owners', 'table', '其他共有人', 'Other co-owners', {
        min: 1,
        max: 10,
        showIf: { field: 'ownership', equals: 'share' },
        columns: [fld('owner_name', 'text', '姓名', 'Name', { max: 50 }), fld('owner_id', 'idNumber', '公民身份号码', 'ID number'), fld('owner_share', 'number', '份额（%）', 'Share (%)', { min: 1, max: 99 })],
      }),
      fld('spouse_name', 'text', '共同共有人（配偶）姓名', 'Joint owner (spouse)', { max: 50, showIf: { field: 'ownership', equals: 'joint' } }),
    ]),
    page('p3', '房屋与出卖人', 'Property and seller', [
      fld('seller_name', 'text', '出卖人姓名或名称', 'Seller', { max: 100 }),
      fld('seller_id', 'idNumber', '出卖人公民身份号码', "Seller's ID number"),
      fld('title_no', 'text', '原不动产权证书号', 'Current title number', { max: 100 }),
      fld('property_address', 'address', '房屋坐落', 'Property address'),
      fld('floor_area', 'number', '建筑面积（平方米）', 'Floor area (m²)', { min: 1, max: 100000 }),
      fld('price', 'number', '成交价格（万元）', 'Price (10,000 yuan)', { min: 0 }),
      declaration(TRUTH, TRUTH_EN),
    ]),
  ]),
};

const rental: SeedItem = {
  org: HOUSING,
  content: content(HOUSING, {
    catalog_code: '000107002000',
    task_name: '公共租赁住房保障申请',
    task_name_en: 'Application for public rental housing',
    task_type: 'administrative_payment',
    by_law: '《公共租赁住房管理办法》（住房和城乡建设部令第11号）第七条：申请公共租赁住房，应当符合以下条件：（一）在本地无住房或者住房面积低于规定标准；（二）收入、财产低于规定标准；（三）申请人为外来务工人员的，在本地稳定就业达到规定年限。',
    accept_condition: '本县城镇中等偏下收入住房困难家庭、新就业无房职工和在本县稳定就业满1年的外来务工人员：在本县无住房或人均住房建筑面积低于15平方米，家庭收入、财产低于本县公布的标准。',
    summary: '住房困难家庭申请公共租赁住房实物配租或租赁补贴，经审核、公示后轮候配租。',
    summary_en: 'Households in housing difficulty apply for public rental housing or a rent subsidy; after checks and public notice they join the waiting list.',
    anticipate_day: 30,
    promise_day: 20,
    limit_scene_num: 0,
    online_handle_depth: 3,
    is_express: false,
    project_type: 'commitment',
    result_type: '资格确认',
    result_name: '公共租赁住房保障资格确认通知',
    handle_area: 'township',
    township_codes: ALL_TOWNSHIPS.slice(0, 2),
    transact_addr: `${TOWNSHIP_ADDR}（住房保障）`,
    audiences: ['individual'],
    life_events: ['housing', 'assistance'],
    materials: [idCard('m1', '家庭成员', "Household members'"), mat('m2', '家庭收入情况声明及核对授权书', 'Income statement and authorisation to verify'), mat('m3', '劳动合同及社保缴纳证明', 'Employment contract and social insurance record', { required: false, note: '外来务工人员、新就业职工提供' })],
    handle_flow: [step('提出申请', 'Application', '申请人', 0), step('街道（乡镇）初审', 'First check', '街道办事处（乡镇人民政府）', 7), step('联合审核', 'Joint check of income, property and housing', '住房和城乡建设局、民政局、自然资源和规划局', 8, { parallel_departments: ['001007', '001004', '001006'] }), step('公示与确认', 'Public notice and confirmation', '住房和城乡建设局', 5)],
    faqs: [faq('实物配租和租赁补贴可以同时享受吗？', '不可以，只能选择其中一种保障方式。', 'Can we have both a flat and a rent subsidy?', 'No, one or the other.')],
  }),
  form: form([
    page('p1', '申请人', 'Applicant', [
      ...person(),
      choice('applicant_type', '申请人类别', 'Category', [['local', '本县城镇住房困难家庭', 'County household in housing difficulty'], ['new_worker', '新就业无房职工', 'New employee without a home'], ['migrant', '外来务工人员', 'Migrant worker']]),
      fld('work_years', 'number', '在本县连续稳定就业年限（年）', 'Years of stable work in the county', { min: 0, max: 50, showIf: { field: 'applicant_type', equals: 'migrant' } }),
    ]),
    page('p2', '家庭住房与收入', 'Housing and income', [
      fld('household', 'table', '共同申请的家庭成员', 'Household members applying', { min: 1, max: 10, columns: [fld('member_name', 'text', '姓名', 'Name', { max: 50 }), fld('member_id', 'idNumber', '公民身份号码', 'ID number'), fld('member_income', 'number', '月收入（元）', 'Monthly income (yuan)', { min: 0 })] }),
      choice('housing_now', '现住房情况', 'Current housing', [['none', '在本县无住房', 'No home in the county'], ['small', '人均住房建筑面积低于15平方米', 'Under 15 m² per person']]),
      choice('support_type', '申请保障方式', 'Support requested', [['flat', '实物配租', 'A rental flat'], ['subsidy', '租赁补贴', 'Rent subsidy']]),
      declaration(TRUTH, TRUTH_EN),
    ]),
  ]),
};

export const constructionItems: SeedItem[] = [planning, building, excavation, eia, property, rental];
