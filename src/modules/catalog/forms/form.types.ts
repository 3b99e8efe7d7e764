/**
 * An application form, as data (issue 5). The editor edits `fields` (the small
 * UI description); `schema` is the JSON Schema for the answers, generated from
 * the fields whenever the definition is saved (form.schema.ts), and Ajv runs it.
 * Labels are bilingual: `zh` is required, `en` falls back to `zh`.
 */

export interface Label {
  zh: string;
  en?: string | undefined;
}

export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'date',
  'choice',
  'multichoice',
  'idNumber',
  'creditCode',
  'phone',
  'address',
  'table',
  'file',
  'declaration',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Column types allowed inside a table. */
export const TABLE_COLUMN_TYPES = ['text', 'number', 'date', 'choice', 'idNumber', 'phone'] as const;

/** Profile values a field may be prefilled from. */
export const PREFILL_SOURCES = ['realName', 'idNumber', 'phone', 'enterpriseName', 'creditCode', 'legalRepName'] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

/** A condition on another field's answer (earlier in the form). */
export interface Condition {
  field: string;
  /** Matches when the answer equals this value, or, for multichoice, includes it. */
  equals: string;
}

export interface ChoiceOption {
  value: string;
  label: Label;
}

export interface FieldDef {
  /** Answer key: a-z, 0-9, _ ; unique in the form. */
  key: string;
  type: FieldType;
  label: Label;
  hint?: Label | undefined;
  required: boolean;
  /** text/textarea: length limits; number: value limits; table: row limits. */
  min?: number | undefined;
  max?: number | undefined;
  options?: ChoiceOption[] | undefined;
  /** Show the field only when this matches; hidden answers are dropped. */
  showIf?: Condition | undefined;
  prefill?: PrefillSource | undefined;
  /** file: the material of the item's list this attachment satisfies. */
  materialId?: string | undefined;
  /** table: the columns (no nesting). */
  columns?: FieldDef[] | undefined;
  /** declaration: the text the applicant declares (the label is the checkbox's). */
  text?: Label | undefined;
}

export interface FormPage {
  id: string;
  title: Label;
  fields: FieldDef[];
}

/** "Prevent submission with a message": when the condition matches, the applicant may not apply. */
export interface EligibilityStop {
  when: Condition;
  message: Label;
}

export interface FormDefinition {
  version: 1;
  pages: FormPage[];
  stops: EligibilityStop[];
  /** JSON Schema (draft 2020-12 subset Ajv runs) for the answers, generated from the pages. */
  schema: Record<string, unknown>;
}

/** A file answer: the platform/files id and the name shown. */
export interface FileAnswer {
  fileId: string;
  name: string;
}

/** An address answer: region codes of the township (9 digits) and village (12 digits), and the street line. */
export interface AddressAnswer {
  township: string;
  village?: string;
  detail: string;
}

/** An answer value: string for most fields, string[] for multichoice, rows for tables, FileAnswer for files, boolean for declarations, AddressAnswer for addresses. */
export type AnswerValue = string | number | string[] | boolean | FileAnswer | AddressAnswer | Record<string, string>[];
export type Answers = Record<string, AnswerValue>;

/** The profile prefill reads from. */
export type PrefillProfile = Partial<Record<PrefillSource, string>>;
