/**
 * Responses against the GeoReport v2 spec's own examples (wiki.open311.org/GeoReport_v2): the same fields
 * in JSON, and in XML the same element names, parsed back to prove the document is well-formed.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Open311Request, Open311Service, Open311ServiceDefinition } from './open311';
import { renderOpen311 } from './render';

const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'attribute', 'value'].includes(name) });
const xml = (text: string): Record<string, unknown> => {
  expect(XMLValidator.validate(text)).toBe(true);
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return parser.parse(text) as Record<string, unknown>;
};

// The spec's GET services example (first service).
const specService: Open311Service = {
  service_code: '001',
  service_name: 'Cans left out 24x7',
  description: 'Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.',
  metadata: true,
  type: 'realtime',
  keywords: 'lorem, ipsum, dolor',
  group: 'sanitation',
};

// The spec's GET service definition example, shortened to one attribute with two values.
const specDefinition: Open311ServiceDefinition = {
  service_code: 'DMV66',
  attributes: [
    {
      variable: true,
      code: 'WHISHETN',
      datatype: 'singlevaluelist',
      required: true,
      datatype_description: '',
      order: 1,
      description: 'What is the ticket/tag/DL number?',
      values: [{ key: '123', name: 'Ford' }, { key: '124', name: 'Chrysler' }],
    },
  ],
};

// The spec's GET service requests example.
const specRequest: Open311Request = {
  service_request_id: '638344',
  status: 'closed',
  status_notes: 'Duplicate request.',
  service_name: 'Sidewalk and Curb Issues',
  service_code: '006',
  description: null,
  agency_responsible: null as unknown as string,
  service_notice: null,
  requested_datetime: '2010-04-19T06:37:38-08:00',
  updated_datetime: '2010-04-19T06:37:38-08:00',
  expected_datetime: '2010-04-19T06:37:38-08:00',
  address: '8TH AVE and JUDAH ST',
  address_id: '545483',
  zipcode: '94122',
  lat: 37.762221815,
  long: -122.4651145,
  media_url: 'http://city.gov.s3.amazonaws.com/requests/media/638344.jpg',
};

describe('renderOpen311', () => {
  it('GET services: a JSON array of the spec fields; XML <services><service> with the same element names', () => {
    expect(JSON.parse(renderOpen311('json', { kind: 'services', services: [specService] }))).toEqual([specService]);
    const doc = xml(renderOpen311('xml', { kind: 'services', services: [specService, { ...specService, service_code: '002' }] }));
    const services = (doc.services as { service: Record<string, string>[] }).service;
    expect(services).toHaveLength(2);
    expect(Object.keys(services[0])).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
    expect(services[0]).toEqual({ ...specService, metadata: 'true' });
  });

  it('an empty list is still its root element', () => {
    expect(xml(renderOpen311('xml', { kind: 'requests', requests: [] }))).toHaveProperty('service_requests');
    expect(renderOpen311('json', { kind: 'requests', requests: [] })).toBe('[]');
  });

  it('GET service definition: one JSON object; XML <service_definition><attributes><attribute> with <values><value><key/><name/>', () => {
    expect(JSON.parse(renderOpen311('json', { kind: 'service_definition', definition: specDefinition }))).toEqual(specDefinition);
    const doc = xml(renderOpen311('xml', { kind: 'service_definition', definition: specDefinition }));
    const def = doc.service_definition as { service_code: string; attributes: { attribute: Record<string, unknown>[] } };
    expect(def.service_code).toBe('DMV66');
    const attr = def.attributes.attribute[0];
    expect(Object.keys(attr)).toEqual(['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values']);
    expect(attr.values).toEqual({ value: [{ key: '123', name: 'Ford' }, { key: '124', name: 'Chrysler' }] });
  });

  it('GET requests: XML <service_requests><request>, every spec field present, a null field an empty element', () => {
    const doc = xml(renderOpen311('xml', { kind: 'requests', requests: [specRequest] }));
    const req = (doc.service_requests as { request: Record<string, string>[] }).request[0];
    expect(Object.keys(req)).toEqual([
      'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
      'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
    ]);
    expect(req.service_request_id).toBe('638344');
    expect(req.description).toBe('');
    expect(req.lat).toBe('37.762221815');
    expect(JSON.parse(renderOpen311('json', { kind: 'requests', requests: [specRequest] }))).toEqual([specRequest]);
  });

  it('POST requests and GET tokens answer <service_requests><request> with the spec fields', () => {
    const posted = xml(renderOpen311('xml', { kind: 'posted', posted: [{ service_request_id: '293944', service_notice: 'The City will inspect.', account_id: null }] }));
    expect(posted).toEqual({ '?xml': '', service_requests: { request: [{ service_request_id: '293944', service_notice: 'The City will inspect.', account_id: '' }] } });
    const held = JSON.parse(renderOpen311('json', { kind: 'posted', posted: [{ token: '12345', service_notice: '正在审核' }] }));
    expect(held).toEqual([{ token: '12345', service_notice: '正在审核' }]);
    const tokens = xml(renderOpen311('xml', { kind: 'tokens', tokens: [{ service_request_id: '638344', token: '12345' }] }));
    expect((tokens.service_requests as { request: unknown[] }).request).toEqual([{ service_request_id: '638344', token: '12345' }]);
  });

  it('errors: a JSON array of {code, description}; XML <errors><error><code/><description/>', () => {
    const errors = [{ code: 403, description: 'Invalid api_key' }];
    expect(JSON.parse(renderOpen311('json', { kind: 'errors', errors }))).toEqual(errors);
    expect(xml(renderOpen311('xml', { kind: 'errors', errors }))).toEqual({ '?xml': '', errors: { error: [{ code: '403', description: 'Invalid api_key' }] } });
  });

  it('text that looks like markup stays text: the document stays well-formed and reads back the same', () => {
    const nasty = '<request>&amp; "引号" \'单引号\' </service_requests>]]>';
    const doc = xml(renderOpen311('xml', { kind: 'requests', requests: [{ ...specRequest, description: nasty, status_notes: '办结：<b>已修好</b> & 回访' }] }));
    const req = (new XMLParser({ parseTagValue: false, isArray: (n) => n === 'request' }).parse(
      renderOpen311('xml', { kind: 'requests', requests: [{ ...specRequest, description: nasty }] }),
    ) as { service_requests: { request: Record<string, string>[] } }).service_requests.request[0];
    expect(doc).toHaveProperty('service_requests');
    expect(req.description).toBe(nasty);
  });
});
