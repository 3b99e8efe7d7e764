/**
 * The form editor's preview: the form exactly as applicants will see it (the
 * same FormPageView and CheckAnswersView the hall uses), walked page by page
 * with validation messages, eligibility stops and the check-answers page. It
 * stores nothing: the answers so far travel in a hidden `_state` field.
 */
import type { ViewContext } from '../../../platform/views/context.js';
import { Button, ButtonGroup, ErrorSummary, Form, Notice, type FieldError } from '../../../platform/views/components.js';
import { Layout } from '../../../platform/views/layout.js';
import { escapeStrict, escapeText, str } from '../../../platform/views/html.js';
import { pageShown, previousPageId, type RegionOption } from '../forms/form.engine.js';
import type { Answers, FormDefinition, Label } from '../forms/form.types.js';
import { CheckAnswersView, EligibilityStopNotice, FormPageView, type MaterialRef } from '../forms/views/form-page.js';
import { editorCrumbs, formBase, ft, itemTitle } from './form-editor-shared.js';
import type { EditorState } from './form-editor.js';

export type PreviewMode =
  | { kind: 'page'; pageId: string; answers: Answers; errors: FieldError[] }
  | { kind: 'check'; answers: Answers; errors: FieldError[] }
  | { kind: 'stop'; answers: Answers; message: Label; pageId: string | undefined }
  | { kind: 'done'; answers: Answers }
  | { kind: 'empty' };

export interface PreviewProps {
  ctx: ViewContext;
  s: EditorState;
  def: FormDefinition;
  mode: PreviewMode;
  regions: readonly RegionOption[];
  materials: readonly MaterialRef[];
}

export const previewBase = (s: EditorState) => `${formBase(s.item)}/preview`;
const safeState = (answers: Answers) => str(<input type="hidden" name="_state" value={escapeStrict(JSON.stringify(answers))} />);

function Body({ ctx, s, def, mode, regions, materials }: PreviewProps): string {
  const base = previewBase(s);
  switch (mode.kind) {
    case 'empty':
      return str(<p class="empty-state">{escapeText(ft(ctx, 'preview.noPages'))}</p>);
    case 'page': {
      const shown = def.pages.filter((p) => pageShown(def, p.id, mode.answers));
      const n = shown.findIndex((p) => p.id === mode.pageId) + 1;
      return FormPageView({
        ctx,
        def,
        pageId: mode.pageId,
        answers: mode.answers,
        errors: mode.errors,
        action: `${base}/${mode.pageId}`,
        regions,
        materials,
        hidden: { _state: JSON.stringify(mode.answers) },
        showBack: previousPageId(def, mode.pageId, mode.answers) !== undefined,
        ...(n > 0 ? { step: { n, total: shown.length } } : {}),
      });
    }
    case 'check':
      return str(
        <>
          <ErrorSummary ctx={ctx} errors={mode.errors} />
          <p class="lead-text">{escapeText(ft(ctx, 'render.checkLead'))}</p>
          <Form ctx={ctx} action={`${base}/check`}>
            {safeState(mode.answers)}
            <CheckAnswersView ctx={ctx} def={def} answers={mode.answers} regions={regions} change="buttons" />
            <ButtonGroup>
              <Button label={ft(ctx, 'preview.submit')} name="_action" value="submit" />
              <Button label={ft(ctx, 'render.back')} name="_action" value="back" variant="secondary" />
            </ButtonGroup>
          </Form>
        </>,
      );
    case 'stop':
      return str(
        <>
          <EligibilityStopNotice ctx={ctx} message={mode.message} />
          <Form ctx={ctx} action={`${base}/check`}>
            {safeState(mode.answers)}
            <Button label={ft(ctx, 'preview.changeAnswer')} name="_goto" value={mode.pageId ?? def.pages[0]?.id ?? ''} variant="secondary" />
          </Form>
        </>,
      );
    case 'done':
      return str(
        <>
          <Notice ctx={ctx} kind="success" title={ft(ctx, 'preview.doneTitle')} text={ft(ctx, 'preview.done')} />
          <CheckAnswersView ctx={ctx} def={def} answers={mode.answers} regions={regions} />
        </>,
      );
  }
}

export function PreviewPage(p: PreviewProps): string {
  const { ctx, s } = p;
  const title = p.mode.kind === 'check' ? ft(ctx, 'render.checkTitle') : ft(ctx, 'preview.title', { name: itemTitle(ctx, s.item) });
  return Layout({
    ctx,
    title,
    breadcrumbs: editorCrumbs(ctx, s.item, { label: ft(ctx, 'editor.preview') }),
    children: [
      <Notice ctx={ctx} kind="info" text={ft(ctx, 'preview.banner')} />,
      <Body {...p} />,
      <ButtonGroup>
        <Button label={ft(ctx, 'preview.restart')} href={previewBase(s)} variant="secondary" />
        <Button label={ft(ctx, 'preview.backToEditor')} href={formBase(s.item)} variant="secondary" />
      </ButtonGroup>,
    ],
  });
}
