/**
 * The pilot's aircraft: a choice among the company's registered aircraft (registration, model,
 * category; the category follows the aircraft), or — when the registry has none for the company,
 * e.g. when it is not enforced — a registration typed in, starting empty.
 */
import { useEffect, useState } from 'react';
import type { Category } from '../../shared/domain/categories.js';
import type { Aircraft } from '../../shared/schemas/registry.js';
import type { Api } from './api.js';
import { t, type Lang } from './i18n.js';
import { CATEGORY_TEXT } from './value-text.js';

export interface AircraftPickerProps {
  api: Api;
  lang: Lang;
  registration: string;
  category: Category;
  onChange: (registration: string, category: Category) => void;
}

const CATEGORY_ORDER = Object.keys(CATEGORY_TEXT) as Category[];

export function AircraftPicker({ api, lang, registration, category, onChange }: AircraftPickerProps) {
  const [fleet, setFleet] = useState<Aircraft[] | null>(null);
  useEffect(() => {
    let live = true;
    api.get<{ aircraft: Aircraft[] }>('/aircraft').then(
      (r) => live && setFleet(r.aircraft),
      () => live && setFleet([]),
    );
    return () => {
      live = false;
    };
  }, [api]);
  const picked = fleet?.find((a) => a.registration === registration);
  return (
    <>
      <label htmlFor="reg">{t(lang, 'aircraftPick')}</label>
      {fleet?.length ? (
        <select
          id="reg"
          data-testid="aircraft-picker"
          value={picked ? registration : ''}
          onChange={(e) => {
            const a = fleet.find((x) => x.registration === e.target.value);
            onChange(a?.registration ?? '', a?.category ?? category);
          }}
        >
          <option value="">{lang === 'zh' ? '— 请选择 —' : '— choose —'}</option>
          {fleet.map((a) => (
            <option key={a.registration} value={a.registration}>
              {a.registration} · {a.model} · {CATEGORY_TEXT[a.category][lang]}
            </option>
          ))}
        </select>
      ) : (
        <input
          id="reg"
          data-testid="registration"
          value={registration}
          placeholder={t(lang, 'registrationHint')}
          title={fleet ? t(lang, 'noFleet') : undefined}
          onChange={(e) => onChange(e.target.value, category)}
        />
      )}
      <label htmlFor="cat">{t(lang, 'category')}</label>
      <select id="cat" value={category} disabled={!!picked} onChange={(e) => onChange(registration, e.target.value as Category)}>
        {CATEGORY_ORDER.map((c) => (
          <option key={c} value={c}>
            {CATEGORY_TEXT[c][lang]}
          </option>
        ))}
      </select>
    </>
  );
}
