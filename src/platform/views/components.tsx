/**
 * The design system's components. Each is a pure function returning an HTML string and
 * escapes every piece of text it is given. Props typed `SafeHtml` or named `html`/`children`
 * take trusted markup (other components' output), never user input.
 */
export { Button, ButtonGroup, Checkboxes, ErrorSummary, Field, fieldId, Form, Radios } from './components/forms.js';
export type { ButtonProps, CheckboxesProps, FieldError, FieldProps, FieldType, FormProps, RadiosProps, SelectOption } from './components/forms.js';
export { buildUrl, DataTable, Link, pageWindow, Pagination, SummaryList } from './components/data.js';
export type { Column, DataTableProps, PaginationProps, QueryValue, SummaryRow } from './components/data.js';
export { Notice, StatusTag, Timeline } from './components/status.js';
export type { NoticeKind, NoticeProps, StatusTagProps, TimelineEvent, TimelineProps, Tone } from './components/status.js';
export { escapeText, escapeStrict, escapeUnlessTrusted, trusted, type SafeHtml } from './html.js';
