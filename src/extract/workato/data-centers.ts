/** Workato data centres and their API hosts (reference §1). Tokens are scoped to one of them. */
export const DATA_CENTERS = {
  us: 'https://www.workato.com',
  eu: 'https://app.eu.workato.com',
  jp: 'https://app.jp.workato.com',
  sg: 'https://app.sg.workato.com',
  au: 'https://app.au.workato.com',
  il: 'https://app.il.workato.com',
  kr: 'https://app.kr.workato.com',
  cn: 'https://app.workatoapp.cn',
  trial: 'https://app.trial.workato.com',
} as const;

export type DataCenter = keyof typeof DATA_CENTERS;

export const DATA_CENTER_NAMES = Object.keys(DATA_CENTERS) as DataCenter[];

export function isDataCenter(name: string): name is DataCenter {
  return Object.hasOwn(DATA_CENTERS, name);
}

export function baseUrlOf(dataCenter: DataCenter): string {
  return DATA_CENTERS[dataCenter];
}

/** True for a base URL on this machine (127.0.0.0/8, localhost, ::1): the sandbox's home. */
export function isLocalBaseUrl(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}
