/** 青山县 (Qingshan County, fictional): the demo organisation, regions and people (DESIGN.md §5). */

export const COUNTY = { code: '339901', nameZh: '青山县', nameEn: 'Qingshan County' };

/** Org codes are hierarchical: government 001, departments 001NNN, sections 001NNNNNN. */
export const GOVERNMENT = { code: '001', nameZh: '青山县人民政府', nameEn: 'Qingshan County People’s Government' };

export const DEPARTMENTS: { code: string; nameZh: string; nameEn: string; sections?: [string, string][] }[] = [
  { code: '001001', nameZh: '县人民政府办公室', nameEn: 'County Government Office', sections: [['督查室', 'Inspection Office'], ['政务公开科', 'Government Information Section']] },
  { code: '001002', nameZh: '发展和改革局', nameEn: 'Development and Reform Bureau' },
  { code: '001003', nameZh: '公安局', nameEn: 'Public Security Bureau', sections: [['户政科', 'Household Registration Section'], ['出入境管理科', 'Exit and Entry Section']] },
  { code: '001004', nameZh: '民政局', nameEn: 'Civil Affairs Bureau', sections: [['婚姻登记处', 'Marriage Registry'], ['社会救助科', 'Social Assistance Section']] },
  { code: '001005', nameZh: '人力资源和社会保障局', nameEn: 'Human Resources and Social Security Bureau' },
  { code: '001006', nameZh: '自然资源和规划局', nameEn: 'Natural Resources and Planning Bureau' },
  { code: '001007', nameZh: '住房和城乡建设局', nameEn: 'Housing and Urban-Rural Development Bureau' },
  { code: '001008', nameZh: '交通运输局', nameEn: 'Transport Bureau' },
  { code: '001009', nameZh: '农业农村局', nameEn: 'Agriculture and Rural Affairs Bureau' },
  { code: '001010', nameZh: '商务局', nameEn: 'Commerce Bureau' },
  { code: '001011', nameZh: '卫生健康局', nameEn: 'Health Bureau' },
  { code: '001012', nameZh: '应急管理局', nameEn: 'Emergency Management Bureau' },
  { code: '001013', nameZh: '市场监督管理局', nameEn: 'Market Regulation Bureau', sections: [['登记注册科', 'Business Registration Section']] },
  { code: '001014', nameZh: '医疗保障局', nameEn: 'Healthcare Security Bureau' },
  { code: '001015', nameZh: '行政审批服务局', nameEn: 'Administrative Approval Service Bureau', sections: [['综合受理窗口', 'General Acceptance Window'], ['审批一科', 'Approval Section One']] },
  { code: '001016', nameZh: '大数据中心', nameEn: 'Big Data Centre' },
  { code: '001017', nameZh: '信访局', nameEn: 'Letters and Visits Bureau', sections: [['12345热线中心', '12345 Hotline Centre']] },
  { code: '001018', nameZh: '教育局', nameEn: 'Education Bureau' },
  { code: '001019', nameZh: '生态环境局', nameEn: 'Ecology and Environment Bureau' },
  { code: '001020', nameZh: '城市管理局', nameEn: 'Urban Management Bureau' },
  { code: '001021', nameZh: '财政局', nameEn: 'Finance Bureau' },
  { code: '001022', nameZh: '司法局', nameEn: 'Justice Bureau' },
  { code: '001023', nameZh: '税务局', nameEn: 'Taxation Bureau' },
];

/** Townships and streets (339901NNN) with their villages and communities (339901NNNNNN). */
export const TOWNSHIPS: { nameZh: string; nameEn: string; villages: [string, string][] }[] = [
  { nameZh: '城关街道', nameEn: 'Chengguan Street', villages: [['东门社区', 'Dongmen Community'], ['西门社区', 'Ximen Community'], ['南街社区', 'Nanjie Community'], ['北苑社区', 'Beiyuan Community'], ['文昌社区', 'Wenchang Community']] },
  { nameZh: '东城街道', nameEn: 'Dongcheng Street', villages: [['朝阳社区', 'Chaoyang Community'], ['新河社区', 'Xinhe Community'], ['桃园社区', 'Taoyuan Community'], ['东湖社区', 'Donghu Community'], ['花园社区', 'Huayuan Community']] },
  { nameZh: '青山镇', nameEn: 'Qingshan Town', villages: [['青山村', 'Qingshan Village'], ['石桥村', 'Shiqiao Village'], ['竹林村', 'Zhulin Village'], ['上塘村', 'Shangtang Village'], ['下塘村', 'Xiatang Village']] },
  { nameZh: '云溪镇', nameEn: 'Yunxi Town', villages: [['云溪村', 'Yunxi Village'], ['溪口村', 'Xikou Village'], ['茶园村', 'Chayuan Village'], ['大坪村', 'Daping Village'], ['枫林村', 'Fenglin Village']] },
  { nameZh: '石门乡', nameEn: 'Shimen Township', villages: [['石门村', 'Shimen Village'], ['岭头村', 'Lingtou Village'], ['坑口村', 'Kengkou Village'], ['后山村', 'Houshan Village'], ['梅岭村', 'Meiling Village']] },
  { nameZh: '柳岸镇', nameEn: 'Liu’an Town', villages: [['柳岸村', 'Liu’an Village'], ['沙洲村', 'Shazhou Village'], ['渡口村', 'Dukou Village'], ['杨柳村', 'Yangliu Village'], ['荷塘村', 'Hetang Village']] },
  { nameZh: '白沙乡', nameEn: 'Baisha Township', villages: [['白沙村', 'Baisha Village'], ['金滩村', 'Jintan Village'], ['水口村', 'Shuikou Village'], ['新屋村', 'Xinwu Village'], ['龙潭村', 'Longtan Village']] },
  { nameZh: '龙泉镇', nameEn: 'Longquan Town', villages: [['龙泉村', 'Longquan Village'], ['凤山村', 'Fengshan Village'], ['南坑村', 'Nankeng Village'], ['高岭村', 'Gaoling Village'], ['泉水村', 'Quanshui Village']] },
];

/** One staff account for every role, plus a second clerk in another department to show scope. */
export const STAFF: { login: string; nameZh: string; org: string; roles: string[]; region?: string }[] = [
  { login: 'admin', nameZh: '系统管理员 王强', org: '001016', roles: ['administrator'] },
  { login: 'clerk', nameZh: '窗口受理员 李芳', org: '001015001', roles: ['window_clerk'] },
  { login: 'reviewer', nameZh: '审核员 张伟', org: '001015002', roles: ['reviewer'] },
  { login: 'head', nameZh: '局长 陈静', org: '001015', roles: ['department_head'] },
  { login: 'handler', nameZh: '热线办理员 刘洋', org: '001017001', roles: ['message_handler'] },
  { login: 'editor', nameZh: '内容编辑 赵敏', org: '001001002', roles: ['content_editor'] },
  { login: 'editor.approval', nameZh: '审批局事项编辑 钱琳', org: '001015', roles: ['content_editor'] },
  { login: 'steward', nameZh: '数据专员 孙磊', org: '001016', roles: ['data_steward'] },
  { login: 'supervisor', nameZh: '督查员 周婷', org: '001001001', roles: ['supervisor'] },
  { login: 'agent', nameZh: '青山镇代办员 吴刚', org: '001015', roles: ['township_agent'], region: '339901003' },
  { login: 'evaluator', nameZh: '第三方评估员 郑洁', org: '001001', roles: ['evaluator'] },
  { login: 'clerk.police', nameZh: '户政窗口 何军', org: '001003001', roles: ['window_clerk'] },
  { login: 'head.police', nameZh: '公安局 副局长 马超', org: '001003', roles: ['department_head'] },
  // Heads of two member departments of the “open a business” bundle: the hall's demo history completes bundles through them.
  { login: 'head.market', nameZh: '市场监管局 副局长 林涛', org: '001013', roles: ['department_head'] },
  { login: 'head.housing', nameZh: '住建局 副局长 黄磊', org: '001007', roles: ['department_head'] },
];

/** Residents: [name, birth YYYYMMDD, sequence (odd = male), mobile]. ID numbers get their check digit from GB 11643. */
export const RESIDENTS: [string, string, string, string][] = [
  ['张三', '19850312', '011', '13800010001'],
  ['李梅', '19920718', '022', '13800010002'],
  ['王建国', '19600101', '035', '13800010003'],
  ['陈小红', '20010925', '046', '13800010004'],
  ['刘志强', '19781130', '057', '13800010005'],
];

/** Enterprises: [name, org-code body (8 chars), legal representative, contact, mobile]; credit codes computed per GB 32100. */
export const ENTERPRISES: [string, string, string, string, string][] = [
  ['青山县绿源茶叶有限公司', 'MA2QC001', '张三', '王小燕', '13900020001'],
  ['青山云溪竹木制品厂', 'MA2QC002', '刘志强', '刘志强', '13900020002'],
  ['青山县便民物业服务有限公司', 'MA2QC003', '李梅', '周敏', '13900020003'],
];
