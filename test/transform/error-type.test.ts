import { describe, expect, it } from 'vitest';

import { errorType } from '../../src/transform/error-type.js';

describe('errorType', () => {
  it('gives the same type to the same failure on different records', () => {
    const pairs: [string, string][] = [
      [
        'Salesforce: Record 0015g00000XyZAbAAN not found',
        'Salesforce: Record 0015g00000AbCdEAA2 not found',
      ],
      [
        'Request failed with status 429 at 2026-11-01T04:12:55.123Z, retry after 30 seconds',
        'Request failed with status 429 at 2026-11-02T19:00:01Z, retry after 5 seconds',
      ],
      [
        'Duplicate value found: "ACME Corp" already exists for Account.Name',
        'Duplicate value found: "Müller & Söhne, GmbH" already exists for Account.Name',
      ],
      [
        'Invalid email address jane.doe+test@example.com for contact 42',
        'Invalid email address o.brien@sub.example.co.uk for contact 1234567',
      ],
      [
        'GET https://api.hubapi.com/crm/v3/objects/contacts/901?archived=false returned 404',
        'GET https://api.hubapi.com/crm/v3/objects/contacts/17 returned 404',
      ],
      [
        'Order INV-2026-0042 could not be synced: amount -12.50 exceeds credit limit 1,000',
        'Order INV-2025-9911 could not be synced: amount -3 exceeds credit limit 250,000',
      ],
      [
        'Doc 5f8d0d55b54764421b7156c3 is locked (request 3f2b1c4e-9a7d-4e11-b8a2-0c9d1e2f3a4b)',
        'Doc 64a1f0e2c3b4d5e6f7a8b9c0 is locked (request 00000000-1111-4222-8333-444455556666)',
      ],
      [
        "Netsuite: Invalid field value 'CUST-88812' for field entity",
        "Netsuite: Invalid field value 'X' for field entity",
      ],
      [
        'Job j-AbWgPXs9-YDeonA failed at 10:04:05 on Tue, 01 Dec 2026 10:04:05 GMT',
        'Job j-KGAKfhsz-GYoLe failed at 23:59:59 on Wed, 02 Dec 2026 23:59:59 GMT',
      ],
      ['Bad request: order_12345 rejected', 'Bad request: order_9 rejected'],
    ];
    for (const [a, b] of pairs) {
      expect(errorType(a), `${a} | ${b}`).toBe(errorType(b));
    }
  });

  it('keeps genuinely different errors apart', () => {
    const distinct = [
      'Bad request: Custom field SICCode__c is not present',
      'Bad request: Custom field Region__c is not present',
      'Salesforce: Record 0015g00000XyZAbAAN not found',
      'Salesforce: INVALID_SESSION_ID: Session expired or invalid',
      'Timeout: connection to host timed out',
      'Timeout: read timed out',
      'Jira: 401 Unauthorized',
      'Jira: 403 Forbidden',
      'Error in Field1__c',
      'Error in Field2__c',
    ];
    const types = distinct.map(errorType);
    expect(new Set(types).size).toBe(distinct.length);
  });

  it('replaces each varying part with its placeholder', () => {
    expect(errorType('Record 0015g00000XyZAbAAN not found')).toBe('Record <id> not found');
    expect(errorType('Contact jane@example.com has 3 duplicates')).toBe(
      'Contact <email> has <n> duplicates',
    );
    expect(errorType('See https://status.example.com/incidents/99 for details')).toBe(
      'See <url> for details',
    );
    expect(errorType('Updated at 2026-03-29T02:30:00+02:00 by sync')).toBe(
      'Updated at <ts> by sync',
    );
    expect(errorType('Value "abc" is not allowed')).toBe('Value "<v>" is not allowed');
    expect(errorType('Invoice INV-2026-0042 failed')).toBe('Invoice INV-<n>-<n> failed');
    expect(errorType('Object 3f2b1c4e-9a7d-4e11-b8a2-0c9d1e2f3a4b gone')).toBe('Object <id> gone');
  });

  it('keeps JSON keys and apostrophes inside words', () => {
    expect(errorType('{"error": "not_found", "code": 404}')).toBe('{"error": "<v>", "code": <n>}');
    expect(errorType("Can't find 'Widget 7' in the catalogue")).toBe(
      'Can\'t find "<v>" in the catalogue',
    );
  });

  it('collapses whitespace, bounds the length and has no type for no error', () => {
    expect(errorType('  line one\n\n  line   two ')).toBe('line one line two');
    const long = errorType(`Failure: ${'x'.repeat(40_000)}`);
    expect(long?.length).toBe(300);
    expect(long?.endsWith('…')).toBe(true);
    expect(errorType(null)).toBeNull();
    expect(errorType('   ')).toBeNull();
  });
});
