import type { ItemContent } from '../catalog.content.js';
import type { FormDefinition } from '../forms/form.types.js';

/** A complete, valid item content (a small licence item of the approval bureau); override what a test needs. */
export function sampleContent(over: Partial<ItemContent> = {}): ItemContent {
  return {
    catalog_code: '000123456000',
    task_name: '测试许可事项',
    task_name_en: 'Test licence item',
    task_type: 'administrative_licence',
    by_law: '《中华人民共和国行政许可法》第二十九条',
    accept_condition: '本县范围内依法登记的申请人。',
    summary: '用于测试的事项。',
    anticipate_day: 20,
    anticipate_type: 'working_days',
    promise_day: 5,
    promise_type: 'working_days',
    limit_scene_num: 0,
    is_fee: false,
    fees: [],
    handle_type: ['window', 'online'],
    online_handle_depth: 4,
    is_express: true,
    project_type: 'commitment',
    result_type: '证照',
    result_name: '测试许可证',
    handle_area: 'county',
    township_codes: [],
    transact_addr: '青山县政务服务中心一楼综合窗口',
    transact_time: '周一至周五 8:30-12:00，14:00-17:30（法定节假日除外）',
    link_way: '0571-12345678',
    supervise_way: '12345 政务服务便民热线',
    audiences: ['individual'],
    life_events: ['business'],
    materials: [{ id: 'm1', name: '申请书', required: true, originals: 1, copies: 0, format: 'either', source: 'applicant' }],
    handle_flow: [
      { name: '受理', actor: '综合受理窗口', days: 1 },
      { name: '审查决定', actor: '审批一科', days: 4 },
    ],
    faqs: [],
    ...over,
  };
}

/** A one-page form with a name field prefilled from the profile and a declaration. */
export function sampleForm(): FormDefinition {
  return {
    version: 1,
    pages: [
      {
        id: 'p1',
        title: { zh: '申请人信息', en: 'Applicant' },
        fields: [
          { key: 'name', type: 'text', label: { zh: '姓名', en: 'Name' }, required: true, prefill: 'realName', max: 50 },
          { key: 'declare', type: 'declaration', label: { zh: '我承诺所填信息真实', en: 'I declare this is true' }, required: true },
        ],
      },
    ],
    stops: [],
    schema: {},
  };
}
