/**
 * What the hall uses from other modules, in one place: the catalog (item
 * versions, forms, bundles) and identity (people, enterprises, regions), each
 * only through its index.ts.
 */
import { allFields, type FieldDef, type FormDefinition } from '../catalog/index.js';

export {
  acceptsOnlineApplications,
  getPublicItem,
  getVersion,
  getPublicBundle,
  bundleAnswersByItem,
  validateAnswers,
  labelText,
  type Answers,
  type AnswerValue,
  type FileAnswer,
  type FormDefinition,
  type FieldDef,
  type ItemContent,
  type FlowStepSpec,
  type PublicBundle,
  type MemberAnswers,
} from '../catalog/index.js';
export { enterprisesOf, regions, applicantProfile, accountNames, orgUnits, residentByIdNumber, inDepartmentScope, seesAllDepartments, staffOfDepartment } from '../identity/index.js';
// The demo seed (hall.seed.ts) and the data generator (hall.generate.ts).
export { staffActor, demoResidentIdNumber, demoCreditCode } from '../identity/index.js';
export { listPublicItems, prefill } from '../catalog/index.js';
export type { AddressAnswer } from '../catalog/index.js';
// The applicant's form flow (hall.form-flow.ts): the catalog's form engine and renderer.
export {
  parseFormPost,
  nextPageId,
  previousPageId,
  pageShown,
  matchingStop,
  visibleFields,
  FormPageView,
  CheckAnswersView,
  EligibilityStopNotice,
  type MaterialRef,
  type RegionOption,
} from '../catalog/index.js';

/** Every field of a form, tables' columns excluded. */
export const allFieldsOf = (def: FormDefinition): FieldDef[] => allFields(def).map((f) => f.field);
