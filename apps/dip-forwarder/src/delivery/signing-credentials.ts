import { JsonLogger } from '@halfhour/observability';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DipCredentials } from './dip-client';

/**
 * The certificate and key DIP messages are signed with: from the configured PEM files, or, in
 * development when none are configured, a throwaway self-signed pair made with openssl.
 */
export function loadSigningCredentials(certificateFile: string, privateKeyFile: string, logger: JsonLogger): DipCredentials {
  if (!certificateFile && !privateKeyFile) {
    const dir = mkdtempSync(join(tmpdir(), 'halfhour-dip-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=halfhour-dev-only',
      '-days', '30', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    logger.warn({ dir }, 'no DIP signing certificate configured: using a throwaway self-signed one (development only)');
    certificateFile = join(dir, 'cert.pem');
    privateKeyFile = join(dir, 'key.pem');
  }
  const certificatePem = readFileSync(certificateFile, 'utf8');
  const privateKey = createPrivateKey(readFileSync(privateKeyFile, 'utf8'));
  if (!new X509Certificate(certificatePem).checkPrivateKey(privateKey)) throw new Error('DIP_PRIVATE_KEY_FILE does not belong to DIP_CERTIFICATE_FILE');
  return { certificatePem, privateKey };
}
