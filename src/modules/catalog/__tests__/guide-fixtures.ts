import type { TestApp } from '../../../../test/app.js';
import { createItem } from '../catalog.service.js';
import { sampleContent, sampleForm } from './helpers.js';
import { admin, nextTaskCode, publishItem, storePdf } from './guide-helpers.js';

/**
 * A small guide built by the tests themselves (independent of the demo seed):
 * a fully online pension item with files, a business registration that costs
 * a fee and can be handled at a township, a suspended item, a withdrawn one
 * and an unpublished draft.
 */
export async function buildGuide(t: TestApp) {
  const blankForm = await storePdf(t, '参保登记表.pdf', 'blank');
  const sampleFile = await storePdf(t, '参保登记表（样表）.pdf', 'sample');
  const unrelatedFile = await storePdf(t, '别的文件.pdf', 'unrelated');

  const pension = await publishItem(t, {
    org: '001005',
    form: sampleForm(),
    content: {
      catalog_code: '000105001000',
      task_name: '城乡居民基本养老保险参保登记',
      task_name_en: 'Enrolment in the urban and rural residents’ basic pension',
      task_type: 'public_service',
      summary: '符合条件的城乡居民办理基本养老保险参保登记，按年缴费，达到领取年龄后按月领取养老金。',
      summary_en: 'Residents who qualify enrol in the basic pension, pay a yearly contribution and receive a monthly pension at retirement age.',
      accept_condition: '年满16周岁（不含在校学生），非国家机关和事业单位工作人员，不属于职工基本养老保险覆盖范围的本县户籍居民。',
      accept_condition_en: 'Residents of the county aged 16 or over (not students), not civil servants, and not covered by the employees’ pension.',
      by_law: '《中华人民共和国社会保险法》第二十条、第二十二条',
      anticipate_day: 15,
      anticipate_type: 'working_days',
      promise_day: 1,
      promise_type: 'working_days',
      project_type: 'immediate',
      limit_scene_num: 0,
      online_handle_depth: 4,
      handle_type: ['window', 'online'],
      result_type: '其他',
      result_name: '参保登记凭证',
      handle_area: 'county',
      audiences: ['individual'],
      life_events: ['retirement', 'social_security'],
      supervise_way: '县人力社保局监督电话 0571-88880012；12345 政务服务便民热线',
      materials: [
        { id: 'm1', name: '居民身份证', name_en: 'Resident identity card', required: true, originals: 1, copies: 0, format: 'either', source: 'certificate', certificate_type: '居民身份证' },
        {
          id: 'm2',
          name: '城乡居民基本养老保险参保登记表',
          name_en: 'Pension enrolment form',
          required: true,
          originals: 1,
          copies: 2,
          format: 'paper',
          source: 'applicant',
          note: '申请人本人签字',
          blank_form_file: blankForm,
          sample_file: sampleFile,
        },
        { id: 'm3', name: '户口簿', required: false, originals: 0, copies: 1, format: 'paper', source: 'department' },
      ],
      handle_flow: [
        { name: '受理', name_en: 'Acceptance', actor: '001005', days: 0 },
        { name: '审核登记', name_en: 'Review and enrolment', actor: '县社会保险事业管理中心', days: 1, parallel_departments: ['001014'] },
      ],
      faqs: [{ question: '在外地参保了还能在本县参保吗？', answer: '不能重复参保，请先办理转移或终止。', question_en: 'I am enrolled elsewhere: can I enrol here?', answer_en: 'You cannot be enrolled twice: transfer or end the other enrolment first.' }],
    },
  });

  const business = await publishItem(t, {
    org: '001013',
    content: {
      catalog_code: '000113001000',
      task_name: '个体工商户设立登记',
      task_name_en: 'Registering an individual business',
      task_type: 'administrative_licence',
      summary: '在本县从事个体经营，办理个体工商户设立登记，领取营业执照。',
      accept_condition: '有经营能力的自然人，经营场所符合规定。',
      result_type: '证照',
      result_name: '营业执照',
      audiences: ['enterprise'],
      life_events: ['business'],
      online_handle_depth: 2,
      handle_type: ['window'],
      limit_scene_num: 1,
      township_codes: ['339901003'],
      is_fee: true,
      fees: [{ name: '执照副本工本费', standard: '每本 10 元', basis: '《工商行政管理规费收费标准》', reducible: true }],
    },
  });

  const suspended = await publishItem(t, {
    org: '001004',
    content: { catalog_code: '000104003000', task_name: '临时救助金给付', audiences: ['individual'], life_events: ['assistance'] },
    state: { action: 'suspend', notice: '因救助系统升级，本事项暂停受理新的申请，预计 3 月 1 日恢复。' },
  });
  const withdrawn = await publishItem(t, {
    org: '001004',
    content: { catalog_code: '000104009000', task_name: '已经撤销的测试事项', life_events: ['death'] },
    state: { action: 'withdraw', notice: '本事项已依法取消。' },
  });
  const draftCode = nextTaskCode('000104010000');
  await createItem(t.platform, admin, { orgCode: '001004', taskCode: draftCode, content: sampleContent({ catalog_code: '000104010000', task_name: '尚未发布的草稿事项' }) });

  return { pension, business, suspended, withdrawn, draftCode, files: { blankForm, sampleFile, unrelatedFile } };
}
