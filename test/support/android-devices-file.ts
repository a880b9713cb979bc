import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestAndroidDevice {
  number: string;
  apiUrl: string;
  user: string;
  pass: string;
  key: string;
  sendsPerMinute?: number;
}

/** Writes an ANDROID_SMS_DEVICES_FILE (YAML, one phone each) into a temporary folder; returns its path. */
export function writeAndroidDevicesFile(devices: TestAndroidDevice[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'suara-android-')), 'devices.yaml');
  writeFileSync(
    file,
    devices
      .map(
        (d) =>
          `- number: "${d.number}"\n  apiUrl: ${d.apiUrl}\n  username: ${d.user}\n  password: ${d.pass}\n  signingKey: ${d.key}\n` +
          (d.sendsPerMinute === undefined ? '' : `  sendsPerMinute: ${d.sendsPerMinute}\n`),
      )
      .join(''),
  );
  return file;
}
