/**
 * Name lists for the seed county (modelled on 兴国县, Jiangxi). Every name here is invented but
 * plausible; none is copied from a real roster. The generator in county.ts draws from them.
 */

/** The demo identities (fixed openids, fixed names), in the order the 选择演示身份 screen lists them. */
export const DEMO_OPENIDS = [
  'demo-resident',
  'demo-resident-2',
  'demo-member',
  'demo-member-pending',
  'demo-grid-worker',
  'demo-secretary',
  'demo-department',
  'demo-unit-admin',
  'demo-county-admin',
  'demo-multi',
  'demo-property',
] as const;
export type DemoOpenid = (typeof DEMO_OPENIDS)[number];

export const DEMO_NAMES: Record<DemoOpenid, string> = {
  'demo-resident': '张秀兰',
  'demo-resident-2': '刘建国',
  'demo-member': '陈志远',
  'demo-member-pending': '黄丽萍',
  'demo-grid-worker': '钟晓燕',
  'demo-secretary': '谢春梅',
  'demo-department': '邱文斌',
  'demo-unit-admin': '肖国平',
  'demo-county-admin': '温振华',
  'demo-multi': '廖美玲',
  'demo-property': '李红梅',
};

/** Common surnames in southern Jiangxi (钟, 陈, 刘, 曾, 谢 … are frequent in 兴国). */
export const SURNAMES = [
  '钟',
  '陈',
  '刘',
  '李',
  '黄',
  '曾',
  '谢',
  '邱',
  '肖',
  '王',
  '张',
  '温',
  '廖',
  '胡',
  '罗',
  '杨',
  '赖',
  '朱',
  '傅',
  '凌',
  '彭',
  '吴',
  '郭',
  '蓝',
] as const;

export const GIVEN_NAMES = [
  '建华',
  '志强',
  '国平',
  '海波',
  '文斌',
  '俊杰',
  '振华',
  '春生',
  '福生',
  '晓东',
  '明辉',
  '立新',
  '家豪',
  '宇航',
  '浩然',
  '永福',
  '德明',
  '金水',
  '红军',
  '小龙',
  '秀兰',
  '桂英',
  '丽华',
  '晓燕',
  '玉梅',
  '美玲',
  '慧敏',
  '雅琴',
  '春梅',
  '雪梅',
  '佳怡',
  '思琪',
  '丽娟',
  '海燕',
  '冬梅',
  '淑芬',
  '婷',
  '芳',
  '敏',
  '磊',
  '勇',
  '军',
  '琳',
  '静',
  '斌',
  '鹏',
  '辉',
  '霞',
  '欣怡',
  '子涵',
] as const;

/** WeChat nicknames: what a 选择演示身份 list or a masked view shows beside the real name. */
export const NICKNAMES = [
  '清风',
  '向日葵',
  '平安是福',
  '岁月静好',
  '阳光',
  '知足常乐',
  '山水之间',
  '蓝天白云',
  '微笑',
  '花开富贵',
  '默默',
  '海阔天空',
  '晨曦',
  '梅子',
  '小鱼儿',
  '兰花草',
  '一路向前',
  '家和万事兴',
  '红土地',
  '潋水人家',
  '将军故里',
  '老钟',
  '幸福一家人',
  '静待花开',
] as const;

/** Mobile prefixes (13x / 15x / 18x). */
export const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '157',
  '158',
  '159',
  '180',
  '181',
  '183',
  '186',
  '187',
  '189',
] as const;

/** The 14 urban communities of the county town (潋江镇), each with the road its office is on. */
export const COMMUNITIES = [
  { name: '潋江社区', road: '潋江大道' },
  { name: '将军社区', road: '将军大道' },
  { name: '文峰社区', road: '文峰路' },
  { name: '长冈社区', road: '长冈路' },
  { name: '红门社区', road: '红门路' },
  { name: '平川社区', road: '平川大道' },
  { name: '太平社区', road: '太平路' },
  { name: '濂溪社区', road: '濂溪路' },
  { name: '龙山社区', road: '龙山路' },
  { name: '横街社区', road: '横街' },
  { name: '中山社区', road: '中山路' },
  { name: '鼎龙社区', road: '鼎龙路' },
  { name: '东门社区', road: '东门路' },
  { name: '西门社区', road: '西门街' },
] as const;

/** Per community, in order: resident groups (sum 93), grids (sum 79), paired units (sum 40). */
export const RESIDENT_GROUPS_PER_COMMUNITY = [8, 7, 7, 6, 7, 6, 7, 6, 7, 6, 7, 6, 7, 6];
export const GRIDS_PER_COMMUNITY = [7, 6, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5];
export const UNITS_PER_COMMUNITY = [4, 3, 3, 3, 2, 3, 3, 2, 3, 3, 2, 3, 4, 2];

export const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Residential compounds (小区) are named prefix + suffix, e.g. 锦绣花园. */
export const COMPOUND_PREFIXES = [
  '锦绣',
  '阳光',
  '金色',
  '翠竹',
  '滨江',
  '潋水',
  '将军',
  '文昌',
  '书香',
  '幸福',
  '和谐',
  '怡景',
  '御景',
  '南湖',
  '凤凰',
  '东方',
  '盛世',
  '紫荆',
  '丽都',
  '长冈',
] as const;
export const COMPOUND_SUFFIXES = ['花园', '小区', '新村', '家园', '名苑', '华府', '雅居', '公寓'] as const;

/** 结对共建单位: county bodies, public institutions and state enterprises with party organisations. */
export const UNITS = [
  { name: '兴国县财政局', kind: 'government' },
  { name: '兴国县发展和改革委员会', kind: 'government' },
  { name: '兴国县人力资源和社会保障局', kind: 'government' },
  { name: '兴国县教育科技体育局', kind: 'government' },
  { name: '兴国县司法局', kind: 'government' },
  { name: '兴国县审计局', kind: 'government' },
  { name: '兴国县统计局', kind: 'government' },
  { name: '国家税务总局兴国县税务局', kind: 'government' },
  { name: '兴国县农业农村局', kind: 'government' },
  { name: '兴国县商务局', kind: 'government' },
  { name: '兴国县退役军人事务局', kind: 'government' },
  { name: '兴国县医疗保障局', kind: 'government' },
  { name: '兴国县林业局', kind: 'government' },
  { name: '兴国县文化广电新闻出版旅游局', kind: 'government' },
  { name: '兴国县政务服务管理局', kind: 'government' },
  { name: '兴国县总工会', kind: 'government' },
  { name: '兴国县人民医院', kind: 'institution' },
  { name: '兴国县中医院', kind: 'institution' },
  { name: '兴国县妇幼保健院', kind: 'institution' },
  { name: '兴国县疾病预防控制中心', kind: 'institution' },
  { name: '兴国县第一中学', kind: 'institution' },
  { name: '兴国县第三中学', kind: 'institution' },
  { name: '兴国县平川中学', kind: 'institution' },
  { name: '兴国县职业技术学校', kind: 'institution' },
  { name: '兴国县图书馆', kind: 'institution' },
  { name: '兴国县融媒体中心', kind: 'institution' },
  { name: '兴国县机关事务服务中心', kind: 'institution' },
  { name: '兴国县档案馆', kind: 'institution' },
  { name: '中国移动兴国分公司', kind: 'enterprise' },
  { name: '中国电信兴国分公司', kind: 'enterprise' },
  { name: '中国联通兴国分公司', kind: 'enterprise' },
  { name: '江西兴国农村商业银行', kind: 'enterprise' },
  { name: '中国工商银行兴国支行', kind: 'enterprise' },
  { name: '中国农业银行兴国县支行', kind: 'enterprise' },
  { name: '中国建设银行兴国支行', kind: 'enterprise' },
  { name: '中国邮政集团兴国县分公司', kind: 'enterprise' },
  { name: '兴国县城市建设投资集团有限公司', kind: 'enterprise' },
  { name: '兴国县交通投资集团有限公司', kind: 'enterprise' },
  { name: '中国石化兴国石油分公司', kind: 'enterprise' },
  { name: '兴国县粮食收储有限公司', kind: 'enterprise' },
] as const;

/** 职能部门 that answer whistles (吹哨报到). The first is the demo department (城管). */
export const DEPARTMENTS = [
  { name: '兴国县城市管理局', shortName: '城管' },
  { name: '兴国县住房和城乡建设局', shortName: '住建' },
  { name: '兴国县市场监督管理局', shortName: '市场监管' },
  { name: '兴国县公安局', shortName: '公安' },
  { name: '国网兴国县供电公司', shortName: '供电' },
  { name: '兴国县水务集团有限公司', shortName: '水务' },
  { name: '兴国县交通运输局', shortName: '交通' },
  { name: '兴国县卫生健康委员会', shortName: '卫健' },
  { name: '兴国县民政局', shortName: '民政' },
  { name: '兴国县应急管理局', shortName: '应急管理' },
  { name: '兴国县自然资源局', shortName: '自然资源' },
  { name: '赣州市兴国生态环境局', shortName: '生态环境' },
] as const;

/** 红色驿站, placed where people gather, each in the community at that index of COMMUNITIES. */
export const STATIONS = [
  { name: '潋江广场红色驿站', community: 0, place: '潋江广场东侧' },
  { name: '将军园红色驿站', community: 1, place: '将军园北门' },
  { name: '文峰公园红色驿站', community: 2, place: '文峰公园入口' },
  { name: '红门客运站红色驿站', community: 4, place: '客运站候车厅旁' },
  { name: '平川广场红色驿站', community: 5, place: '平川广场西侧' },
  { name: '太平桥红色驿站', community: 6, place: '太平桥头' },
  { name: '濂溪公园红色驿站', community: 7, place: '濂溪公园南门' },
  { name: '龙山步行街红色驿站', community: 8, place: '步行街中段' },
  { name: '中山商业街红色驿站', community: 10, place: '商业街口' },
  { name: '东门农贸市场红色驿站', community: 12, place: '农贸市场大门旁' },
] as const;

export const STATION_SERVICES = ['政策宣传', '民情收集', '帮扶解难', '文明引导'] as const;
export const STATION_AMENITIES = ['休息桌椅', '学习角', '雨具', '茶水', '针线包', '充电宝', '书籍'] as const;
export const OPENING_HOURS = ['08:00-20:00', '07:30-21:00', '08:30-18:00', '08:00-22:00'] as const;

/** 物业服务企业: 兴国县{prefix}物业服务有限公司. */
export const PROPERTY_PREFIXES = [
  '锦绣',
  '嘉宏',
  '恒达',
  '安居',
  '华辉',
  '康乐',
  '银河',
  '润泽',
  '鑫源',
  '鸿福',
  '瑞景',
  '潋江',
  '和顺',
  '兴安',
  '宏远',
  '诚信',
  '金盾',
  '家和',
  '翠湖',
  '怡景',
  '方圆',
] as const;

/** Duties printed on the 民情联系卡. */
export const GRID_HEAD_DUTIES = [
  '统筹本网格党建和治理工作，组织网格员入户走访，协调化解矛盾纠纷，督办居民诉求，做到小事不出网格。',
  '负责网格工作调度和考核，牵头“1+1带N”联户工作，重大事项及时报告社区党组织。',
] as const;
export const GRID_WORKER_DUTIES = [
  '负责网格内民情收集、人口信息采集、安全隐患巡查和居民诉求首接首办。',
  '负责入户走访、政策宣传、矛盾纠纷排查调处，联系帮扶困难群众。',
  '负责环境卫生和文明创建巡查，收集居民意见建议并跟踪反馈办理结果。',
] as const;
