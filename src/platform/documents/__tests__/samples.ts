/** Sample data for every document kind, in both languages (used by the tests). */
import type { Lang } from '../../i18n/index.js';
import type { DocumentDataByKind, DocumentKind, DocumentRequest, Remedy } from '../templates/types.js';

const at = (local: string) => new Date(`${local}+08:00`);

interface Words {
  applicant: string;
  itemName: string;
  department: string;
  sealText: string;
  remedy: Remedy;
}

const words: Record<Lang, Words> = {
  'zh-CN': {
    applicant: '青山县绿源农业科技有限公司',
    itemName: '食品经营许可（新办）',
    department: '青山县行政审批服务局',
    sealText: '行政审批专用章',
    remedy: { reconsiderationBody: '青山县人民政府', court: '青山县人民法院' },
  },
  en: {
    applicant: 'Qingshan Green Source Agricultural Technology Co., Ltd.',
    itemName: 'Food business licence (new)',
    department: 'Qingshan County Administrative Approval Bureau',
    sealText: 'Approval Seal',
    remedy: { reconsiderationBody: 'the Qingshan County People’s Government', court: 'the Qingshan County People’s Court' },
  },
};

export function sampleData<K extends DocumentKind>(kind: K, lang: Lang): DocumentDataByKind[K] {
  return sampleRequest(kind, lang).data as DocumentDataByKind[K];
}

export function sampleRequest(kind: DocumentKind, lang: Lang): DocumentRequest {
  const w = words[lang];
  const zh = lang === 'zh-CN';
  const common = {
    documentNumber: zh ? '青审受字〔2026〕第00128号' : 'QSSP-2026-00128',
    verificationUrl: 'https://gov.example.cn/verify/doc/7f3c2a9e-5b1d-4c8e-9a0f-1d2e3f4a5b6c',
    department: w.department,
    sealText: w.sealText,
    issuedAt: at('2026-11-24T10:30'),
    referenceNumber: 'QS2026112400128',
    itemName: w.itemName,
    applicant: w.applicant,
    submittedAt: at('2026-11-23T15:05'),
  };
  switch (kind) {
    case 'acceptance_notice':
      return {
        kind,
        data: {
          ...common,
          acceptedAt: at('2026-11-24T10:30'),
          dueAt: at('2026-12-08T23:59'),
          limitWorkingDays: 10,
          contact: '0571-88880000',
          nextSteps: [zh ? '现场核查将由县市场监督管理局工作人员提前一个工作日电话预约。' : 'An inspector of the county market regulation bureau will phone one working day before the on-site inspection.'],
        },
      };
    case 'not_accepted_decision':
      return {
        kind,
        data: {
          ...common,
          reason: zh
            ? '申请人申请的经营场所位于青山县城东街道，不属于本机关管辖范围；且营业执照记载的经营范围不包含食品销售，不符合受理条件。'
            : 'The business premises are outside the area this office serves, and the business licence does not cover food sales.',
          legalBasis: zh ? '《中华人民共和国行政许可法》第三十二条第一款第（二）项' : 'Administrative Licensing Law, Article 32(1)(ii)',
          referTo: zh ? '青山县城东街道便民服务中心' : 'the Chengdong Street Service Centre',
          remedy: w.remedy,
        },
      };
    case 'correction_notice':
      return {
        kind,
        data: {
          ...common,
          problems: [
            { material: zh ? '食品经营许可申请书' : 'Application form', field: zh ? '第2页“经营项目”' : 'page 2, "Business activities"', problem: zh ? '未勾选经营项目' : 'No activity is ticked', requirement: zh ? '勾选实际经营的项目并由法定代表人签字' : 'Tick the activities and have the legal representative sign' },
            { material: zh ? '经营场所平面图' : 'Floor plan', problem: zh ? '未标注清洗消毒区域和尺寸' : 'The washing and disinfection area and its size are not marked', requirement: zh ? '补充标注后重新上传' : 'Mark them and upload again' },
            { material: zh ? '食品安全管理制度' : 'Food safety rules', field: zh ? '全文' : 'whole document', problem: zh ? '缺少进货查验记录制度' : 'The purchase inspection record rule is missing' },
          ],
          resubmit: {
            where: zh ? '“一窗通办”平台“我的办件”，或青山县政务服务中心一楼3号综合窗口' : 'OneWindow "My cases", or window 3 on the ground floor of the Qingshan County Service Centre',
            how: zh ? '在线上传补正后的材料；窗口提交的请携带原件' : 'Upload the corrected materials online; bring the originals if you come to the window',
            deadline: at('2026-12-24T23:59'),
          },
          contact: '0571-88880000',
        },
      };
    case 'approval_decision':
      return {
        kind,
        data: {
          ...common,
          decidedAt: at('2026-12-02T09:00'),
          content: zh
            ? '准予你单位在青山县青山大道88号从事食品销售（预包装食品、散装食品）及餐饮服务（热食类食品制售），具体以食品经营许可证载明的项目为准。'
            : 'You may sell food (pre-packaged and bulk) and run a catering service (hot food) at 88 Qingshan Avenue, as stated on the food business licence.',
          legalBasis: zh ? '《中华人民共和国食品安全法》第三十五条、《食品经营许可和备案管理办法》' : 'Food Safety Law, Article 35',
          validFrom: at('2026-12-02T00:00'),
          validUntil: at('2031-12-01T00:00'),
          certificate: { name: zh ? '食品经营许可证' : 'Food business licence', number: 'JY23399010000128' },
          conditions: [zh ? '变更经营项目的，应当依法申请变更许可。' : 'Apply for a change before changing the activities.'],
        },
      };
    case 'denial_decision':
      return {
        kind,
        data: {
          ...common,
          decidedAt: at('2026-12-02T09:00'),
          reasons: zh
            ? ['经现场核查，经营场所与有毒、有害场所距离不足25米，不符合食品经营场所设置要求。', '食品安全管理人员未取得相应培训考核合格证明。']
            : ['The premises are less than 25 m from a source of pollution.', 'The food safety manager has no training certificate.'],
          legalBasis: zh ? '《中华人民共和国食品安全法》第三十三条' : 'Food Safety Law, Article 33',
          remedy: w.remedy,
        },
      };
    case 'submission_copy':
      return {
        kind,
        data: {
          ...common,
          answers: [
            { label: zh ? '统一社会信用代码' : 'Unified social credit code', value: '91339901MA2H3X4Y5K' },
            { label: zh ? '法定代表人' : 'Legal representative', value: zh ? '林晓燕' : 'Lin Xiaoyan' },
            { label: zh ? '经营场所' : 'Premises', value: zh ? '青山县青山大道88号1层101室' : 'Room 101, 88 Qingshan Avenue' },
            { label: zh ? '经营项目' : 'Activities', value: zh ? '预包装食品销售\n散装食品销售\n热食类食品制售' : 'Pre-packaged food sales\nBulk food sales\nHot food' },
          ],
          materials: [
            { name: zh ? '食品经营许可申请书' : 'Application form', fileName: '申请书.pdf', pages: 3 },
            { name: zh ? '经营场所平面图' : 'Floor plan', fileName: 'floor-plan.pdf', pages: 1 },
            { name: zh ? '营业执照' : 'Business licence', fileName: 'licence.jpg' },
          ],
        },
      };
  }
}
