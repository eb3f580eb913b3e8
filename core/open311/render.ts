/**
 * GeoReport v2 responses as JSON or XML. JSON: the spec's arrays (a service definition is one object).
 * XML: the spec's element names — <services><service>, <service_definition>, <service_requests><request>,
 * <errors><error> — UTF-8 with the XML declaration; a null field is an empty element. Built with
 * fast-xml-parser's XMLBuilder, which escapes text (&, <, >, quotes), so no input can break the document.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { Open311Error, Open311Format, Open311Posted, Open311Request, Open311Service, Open311ServiceDefinition, Open311Token } from './open311';

export type Open311Document =
  | { kind: 'services'; services: Open311Service[] }
  | { kind: 'service_definition'; definition: Open311ServiceDefinition }
  | { kind: 'requests'; requests: Open311Request[] }
  | { kind: 'posted'; posted: Open311Posted[] }
  | { kind: 'tokens'; tokens: Open311Token[] }
  | { kind: 'errors'; errors: Open311Error[] };

export const OPEN311_CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

const builder = new XMLBuilder({ format: true, suppressEmptyNode: false });

function jsonOf(doc: Open311Document): unknown {
  switch (doc.kind) {
    case 'services':
      return doc.services;
    case 'service_definition':
      return doc.definition;
    case 'requests':
      return doc.requests;
    case 'posted':
      return doc.posted;
    case 'tokens':
      return doc.tokens;
    case 'errors':
      return doc.errors;
  }
}

/** XML has no null: an absent value is an empty element, as in the spec's examples. */
function blanks<T extends object>(o: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null || v === undefined ? '' : v]));
}

function xmlOf(doc: Open311Document): Record<string, unknown> {
  switch (doc.kind) {
    case 'services':
      return { services: { service: doc.services.map(blanks) } };
    case 'service_definition':
      return {
        service_definition: {
          service_code: doc.definition.service_code,
          attributes: {
            attribute: doc.definition.attributes.map((a) => ({ ...blanks(a), values: { value: a.values.map(blanks) } })),
          },
        },
      };
    case 'requests':
      return { service_requests: { request: doc.requests.map(blanks) } };
    case 'posted':
      return { service_requests: { request: doc.posted.map(blanks) } };
    case 'tokens':
      return { service_requests: { request: doc.tokens.map(blanks) } };
    case 'errors':
      return { errors: { error: doc.errors.map(blanks) } };
  }
}

export function renderOpen311(format: Open311Format, doc: Open311Document): string {
  if (format === 'json') return JSON.stringify(jsonOf(doc));
  return XML_DECLARATION + String(builder.build(xmlOf(doc)));
}
