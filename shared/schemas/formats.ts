/** String formats for TypeBox's Value.Check (Fastify's ajv has its own). Import before checking. */
import { FormatRegistry } from '@sinclair/typebox';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => DATE_TIME.test(v) && Number.isFinite(Date.parse(v)));

export const FORMATS_REGISTERED = true;
