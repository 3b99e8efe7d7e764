import {
  ALL_TOWNSHIPS, businessLicence, cert, choice, content, declaration, enterprise, faq, file, fld, form, hukouBook, idCard, mat, multi, page, person, shared, step, stop, TRUTH, TRUTH_EN, yesNo,
  type SeedItem,
} from './common.js';

/** Agriculture and transport: rural homesteads, farm machinery subsidies, road freight. */

const AGRI = '001009';
/** Towns and townships (the two streets of the county town have no rural homesteads). */
const RURAL_TOWNSHIPS = ALL_TOWNSHIPS.slice(2);

const homestead: SeedItem = {
  org: AGRI,
  paperForm: 'm1',
  sample: { location: '青山镇石桥村3组村道东侧' },
  content: content(AGRI, {
    catalog_code: '000109001000',
    task_name: '农村村民宅基地申请审批',
    task_name_en: 'Approval of a rural homestead',
    task_type: 'administrative_licence',
    by_law:
      '《中华人民共和国土地管理法》第六十二条：农村村民一户只能拥有一处宅基地……农村村民住宅用地，由乡（镇）人民政府审核批准；其中，涉及占用农用地的，依照本法第四十四条的规定办理审批手续。\n《中华人民共和国土地管理法实施条例》第三十四条。\n《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》（农经发〔2019〕6号）。',
    accept_condition: '本村集体经济组织成员，符合“一户一宅”规定，因分户、原宅基地面积低于标准、因自然灾害或实施村庄规划需要搬迁等确需新建住宅的。出卖、出租、赠与住宅后再申请宅基地的，不予批准。',
    summary: '农村村民建房申请宅基地，由村组审核后报乡镇，乡镇组织农业农村、自然资源、住建等部门联审，一并核发宅基地批准书和乡村建设规划许可证。',
    summary_en: 'Villagers apply for a homestead to build a house; after the village review, the township and the agriculture, natural resources and housing departments review it together and issue the homestead approval and rural planning permit at once.',
    anticipate_day: 20,
    promise_day: 15,
    limit_scene_num: 1,
    online_handle_depth: 3,
    is_express: false,
    project_type: 'commitment',
    result_type: '批准文件',
    result_name: '农村宅基地批准书；乡村建设规划许可证',
    handle_area: 'township',
    township_codes: RURAL_TOWNSHIPS,
    transact_addr: '所在乡镇人民政府便民服务中心农业农村窗口（先由村民委员会初审）',
    audiences: ['individual'],
    life_events: ['housing', 'agriculture', 'construction'],
    materials: [
      mat('m1', '农村宅基地和建房（规划许可）申请表', 'Homestead and house-building application form'),
      hukouBook('m2'),
      idCard('m3'),
      shared('m4', '村民小组会议记录及公示情况', 'Village group minutes and public notice', '由村民委员会审核后报送乡镇'),
      mat('m5', '住宅设计图或通用图', 'House design or standard plan', { note: '可选用县农业农村局提供的农房通用图集' }),
      mat('m6', '农村宅基地使用承诺书', 'Homestead undertaking'),
    ],
    handle_flow: [
      step('村组审核与公示', 'Village review and notice', '村民委员会', 5),
      step('乡镇联合审查', 'Joint township review', '乡镇人民政府牵头', 7, { parallel_departments: ['001009', '001006', '001007'], description: '农业农村审查宅基地资格，自然资源和规划审查用地和规划，住建审查建房设计与施工安全' }),
      step('乡镇审批发证', 'Approval and permits', '乡镇人民政府', 3),
    ],
    faqs: [
      faq('宅基地面积标准是多少？', '按省规定执行：使用耕地的，每户不超过125平方米；使用其他土地的，每户不超过140平方米；山区有条件利用荒地的，每户不超过160平方米。', 'How large may a homestead be?', 'Per provincial rules: up to 125 m² on arable land, 140 m² on other land, 160 m² on hill wasteland.'),
      faq('建房前还要做什么？', '取得批准书后，申请开工前由乡镇组织到现场放样定位（“四至”丈量），竣工后申请验收。'),
    ],
  }),
  form: form(
    [
      page('p1', '申请人', 'Applicant', [
        yesNo('is_member', '是否为本村集体经济组织成员', 'Are you a member of the village collective?'),
        ...person(),
        choice('township', '所在乡镇', 'Township', [['qingshan', '青山镇', 'Qingshan Town'], ['yunxi', '云溪镇', 'Yunxi Town'], ['shimen', '石门乡', 'Shimen Township'], ['liuan', '柳岸镇', 'Liu’an Town'], ['baisha', '白沙乡', 'Baisha Township'], ['longquan', '龙泉镇', 'Longquan Town']]),
        fld('family', 'table', '家庭成员', 'Household members', { min: 1, max: 12, columns: [fld('member_name', 'text', '姓名', 'Name', { max: 50 }), fld('member_id', 'idNumber', '公民身份号码', 'ID number'), choice('member_relation', '与户主关系', 'Relation', [['head', '户主', 'Head'], ['spouse', '配偶', 'Spouse'], ['child', '子女', 'Child'], ['parent', '父母', 'Parent'], ['other', '其他', 'Other']])] }),
      ]),
      page('p2', '建房信息', 'The house', [
        choice('reason', '申请理由', 'Reason', [['split', '分户建房', 'New household'], ['small', '原宅基地面积低于标准', 'Current plot below standard'], ['disaster', '自然灾害灾后重建', 'Rebuilding after a disaster'], ['relocation', '村庄规划搬迁', 'Relocation by village plan']]),
        choice('old_plot', '原宅基地处置', 'Current plot', [['return', '建新退旧，退还原宅基地', 'Returned to the collective'], ['keep', '原宅基地面积不足，合并使用', 'Merged with the new plot']], { showIf: { field: 'reason', equals: 'small' } }),
        fld('location', 'text', '拟建房位置', 'Planned location', { max: 200 }),
        fld('plot_area', 'number', '拟用地面积（平方米）', 'Plot area (m²)', { min: 1, max: 160 }),
        fld('floors', 'number', '拟建层数', 'Storeys', { min: 1, max: 3 }),
        file('file_design', 'm5', '住宅设计图或通用图', 'House design'),
        declaration(TRUTH, TRUTH_EN),
      ]),
    ],
    [stop('is_member', 'no', '宅基地只能由本村集体经济组织成员申请。城镇居民不得到农村购买宅基地建房。', 'Only members of the village collective may apply; town residents cannot acquire rural homesteads.')],
  ),
};

const machinery: SeedItem = {
  org: AGRI,
  content: content(AGRI, {
    catalog_code: '000109002000',
    task_name: '农机购置与应用补贴申领',
    task_name_en: 'Farm machinery purchase and use subsidy',
    task_type: 'administrative_payment',
    by_law: '《中华人民共和国农业机械化促进法》第二十七条：中央财政、省级财政应当分别安排专项资金，对农民和农业生产经营组织购买国家支持推广的先进适用的农业机械给予补贴。\n《农业农村部办公厅 财政部办公厅关于印发〈2024—2026年农机购置与应用补贴实施指导意见〉的通知》。',
    accept_condition: '从事农业生产的个人和农业生产经营组织，购买列入本省补贴范围的农业机械，且机具已完成核验。',
    summary: '购买补贴范围内农机具的农户和农业生产经营组织，购机后申请补贴，核验通过后补贴资金直接拨付到申请人账户。',
    summary_en: 'Farmers and farming businesses who buy eligible machinery claim the subsidy after purchase; once the machine is checked, the money is paid straight to their account.',
    anticipate_day: 30,
    promise_day: 15,
    limit_scene_num: 1,
    online_handle_depth: 3,
    is_express: false,
    project_type: 'commitment',
    result_type: '补贴资金',
    result_name: '农机购置与应用补贴资金（直接拨付至申请人账户）',
    audiences: ['individual', 'enterprise'],
    life_events: ['agriculture'],
    materials: [idCard('m1', '购机者', "Buyer's", { note: '组织购机的提供营业执照' }), mat('m2', '购机发票', 'Purchase invoice', { format: 'electronic', originals: 0 }), mat('m3', '人机合影及机具铭牌照片', 'Photos of buyer with machine and nameplate', { format: 'electronic', originals: 0 }), cert('m4', '社会保障卡或银行账户信息', 'Social security card or bank account', '社会保障卡')],
    handle_flow: [step('网上申请', 'Apply online', '购机者', 0), step('机具核验', 'Machine inspection', '农业农村局农机管理站', 7), step('公示并拨付资金', 'Public notice and payment', '农业农村局、财政局', 8, { parallel_departments: ['001009', '001021'] })],
    faqs: [faq('补贴多少？', '按省公布的补贴额一览表执行，一般不超过机具市场销售均价的30%。'), faq('买了二手农机能申请吗？', '不能。补贴只针对购买的新机具。')],
  }),
  form: form([
    page('p1', '购机者', 'Buyer', [
      ...person(),
      choice('buyer_type', '购机者类型', 'Buyer type', [['person', '个人', 'Individual'], ['org', '农业生产经营组织', 'Farming organisation']]),
      fld('org_name', 'text', '组织名称', 'Organisation', { max: 100, showIf: { field: 'buyer_type', equals: 'org' } }),
      fld('org_credit_code', 'creditCode', '统一社会信用代码', 'Unified social credit code', { showIf: { field: 'buyer_type', equals: 'org' } }),
    ]),
    page('p2', '机具信息', 'Machine', [
      choice('category', '机具品目', 'Category', [['tractor', '拖拉机', 'Tractor'], ['harvester', '收获机械', 'Harvester'], ['planter', '种植施肥机械', 'Planter'], ['drone', '植保无人飞机', 'Crop-spraying drone'], ['dryer', '谷物烘干机', 'Grain dryer']]),
      fld('model', 'text', '机具型号', 'Model', { max: 100 }),
      fld('serial', 'text', '出厂编号', 'Serial number', { max: 100 }),
      fld('purchase_date', 'date', '购机日期', 'Date of purchase'),
      fld('price', 'number', '购机价格（元）', 'Price (yuan)', { min: 1 }),
      file('file_invoice', 'm2', '购机发票', 'Invoice'),
      file('file_photos', 'm3', '人机合影及铭牌照片', 'Photos'),
      declaration(TRUTH, TRUTH_EN),
    ]),
  ]),
  state: { action: 'suspend', notice: '2026年度农机购置与应用补贴资金已申请额满，自2026年9月1日起暂停受理新的补贴申请，已受理的申请按序办理。恢复受理时间另行公告。' },
};

const freight: SeedItem = {
  org: '001008',
  paperForm: 'm1',
  content: content('001008', {
    catalog_code: '000108001000',
    task_name: '道路普通货物运输经营许可',
    task_name_en: 'Licence for general road freight transport',
    task_type: 'administrative_licence',
    by_law:
      '《中华人民共和国道路运输条例》第二十一条、第二十四条：从事危险货物运输经营以外的货运经营的，向县级人民政府交通运输主管部门提出申请……县级以上地方人民政府交通运输主管部门应当自受理申请之日起20日内审查完毕，作出许可或者不予许可的决定。使用总质量4500千克及以下普通货运车辆从事普通货运经营的，无需按照本条规定申请取得道路运输经营许可证及车辆营运证。\n《道路货物运输及站场管理规定》。',
    accept_condition: '已办理市场主体登记；有与其经营业务相适应并经检测合格的车辆；有符合规定条件的驾驶人员（取得道路运输从业资格）；有健全的安全生产管理制度。',
    summary: '使用总质量4.5吨以上货车从事普通货运经营的，须取得道路运输经营许可证。',
    summary_en: 'Running a freight business with lorries over 4.5 tonnes requires a road transport operating licence.',
    anticipate_day: 20,
    anticipate_type: 'calendar_days',
    promise_day: 5,
    limit_scene_num: 0,
    online_handle_depth: 4,
    project_type: 'commitment',
    result_type: '证照',
    result_name: '道路运输经营许可证（电子证照）',
    audiences: ['enterprise', 'individual'],
    life_events: ['transport', 'business'],
    materials: [
      mat('m1', '道路货物运输经营申请表', 'Road freight licence application form'),
      businessLicence('m2'),
      idCard('m3', '负责人', "Manager's"),
      cert('m4', '机动车行驶证', 'Vehicle registration certificate', '机动车行驶证'),
      cert('m5', '驾驶员道路运输从业资格证', "Drivers' road transport qualification", '道路运输从业人员从业资格证'),
      mat('m6', '安全生产管理制度文本', 'Safety management rules', { format: 'electronic', originals: 0 }),
    ],
    handle_flow: [step('网上申请', 'Apply online', '申请人', 0), step('审查', 'Examination', '交通运输局运输管理股', 4), step('许可决定与发证', 'Decision and licence', '交通运输局', 1)],
    faqs: [faq('用小货车跑运输也要办许可吗？', '使用总质量4500千克及以下普通货运车辆从事普通货运经营的，无需办理道路运输经营许可证和车辆营运证。', 'Do small vans need a licence?', 'No: vehicles up to 4,500 kg total mass need no operating licence.')],
  }),
  form: form(
    [
      page('p1', '申请人', 'Applicant', [...enterprise(), yesNo('light_only', '是否仅使用总质量4500千克及以下的普通货运车辆', 'Will you use only vehicles up to 4,500 kg?')]),
      page('p2', '车辆与经营', 'Vehicles and business', [
        multi('scope', '经营范围', 'Scope', [['general', '道路普通货物运输', 'General freight'], ['container', '货物专用运输（集装箱）', 'Container transport'], ['large', '大型物件运输', 'Oversized loads']]),
        fld('vehicles', 'table', '拟投入车辆', 'Vehicles', { min: 1, max: 100, columns: [fld('plate', 'text', '号牌号码', 'Plate', { max: 20 }), choice('vehicle_type', '车辆类型', 'Type', [['truck', '普通货车', 'Lorry'], ['van', '厢式货车', 'Box lorry'], ['tractor', '半挂牵引车', 'Tractor unit']]), fld('total_mass', 'number', '总质量（千克）', 'Total mass (kg)', { min: 1, max: 100000 })] }),
        fld('drivers', 'number', '驾驶员人数', 'Number of drivers', { min: 1, max: 1000 }),
        fld('safety_manager', 'text', '安全管理人员', 'Safety manager', { max: 50 }),
        file('file_rules', 'm6', '安全生产管理制度文本', 'Safety rules'),
        declaration(TRUTH, TRUTH_EN),
      ]),
    ],
    [stop('light_only', 'yes', '仅使用总质量4500千克及以下普通货运车辆从事普通货运经营的，无需申请道路运输经营许可证和车辆营运证。', 'With vehicles of 4,500 kg or less you need no road transport licence.')],
  ),
};

export const ruralItems: SeedItem[] = [homestead, machinery, freight];
