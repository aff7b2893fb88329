import { isRealEndpoint } from './real-endpoint';

describe('a real endpoint, as production asks for one', () => {
  it.each(['https://dip.elexon.co.uk/api', 'https://10.2.3.4:8443', 'https://csp-north.dcc.example'])('accepts %s', (url) => {
    expect(isRealEndpoint(url)).toBe(true);
  });

  it.each([
    'http://dip.elexon.co.uk', 'https://127.0.0.1:8091', 'https://localhost:8090', 'https://[::1]:8090', 'https://dip.elexon.invalid',
    'https://0.0.0.0', 'not a url', '',
  ])('refuses %s', (url) => {
    expect(isRealEndpoint(url)).toBe(false);
  });
});
