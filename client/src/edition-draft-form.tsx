/** A new, empty draft edition by its title (its changes are then added one by one, or adopted from the planner). */
import { useState } from 'react';
import type { Edition } from '../../shared/schemas/edition.js';
import type { Api } from './api.js';
import { editionFailure } from './edition-lines.js';
import { EDITION_TEXT as E } from './edition-text.js';
import type { Lang } from './i18n.js';
import { fillText } from './i18n-plans.js';

export function EditionDraftForm({ api, lang, onCreated, onError }: { api: Api; lang: Lang; onCreated: (e: Edition, message: string) => void; onError: (message: string) => void }) {
  const [title, setTitle] = useState('');
  const create = async () => {
    if (!title.trim()) return;
    try {
      const e = await api.post<Edition>('/airspace/editions', { title: title.trim() });
      setTitle('');
      onCreated(e, fillText(E.created[lang], { id: e.id }));
    } catch (err) {
      onError(editionFailure(err, 'create', lang));
    }
  };
  return (
    <form
      data-testid="edition-new"
      style={{ display: 'flex', gap: 4, marginTop: 4, fontSize: 12 }}
      onSubmit={(x) => {
        x.preventDefault();
        void create();
      }}
    >
      <input aria-label={E.draftTitle[lang]} placeholder={E.draftTitle[lang]} value={title} onChange={(x) => setTitle(x.target.value)} style={{ flex: 1 }} />
      <button type="submit" disabled={!title.trim()}>
        {E.newDraft[lang]}
      </button>
    </form>
  );
}
