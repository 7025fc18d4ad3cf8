import type { Location } from '../location.js';

const CHROMIUMS = ['.config/google-chrome', '.config/chromium', '.config/BraveSoftware/Brave-Browser', '.config/microsoft-edge', 'Library/Application Support/Google/Chrome', 'Library/Application Support/Chromium', 'Library/Application Support/BraveSoftware/Brave-Browser', 'Library/Application Support/Microsoft Edge'];
const FIREFOXES = ['.mozilla/firefox', 'Library/Application Support/Firefox/Profiles'];
/** MetaMask's extension id, the folder its vault lives in. */
const METAMASK = 'nkbihfbeogaeaoehlefnkodbefgpgknn';

/** Browser stores, password managers, wallets and shell histories. */
export const PERSONAL_STORE_LOCATIONS = [
  {
    id: 'browser-passwords',
    name: 'Browser saved passwords',
    paths: [...CHROMIUMS.map((b) => `${b}/*/Login Data`), ...FIREFOXES.flatMap((f) => [`${f}/*/logins.json`, `${f}/*/key4.db`])],
    category: 'credential-file',
    probe: 'present',
    severity: 'review',
    grants: 'saved passwords for every site (on Linux the key that encrypts them is often a fixed default)',
    fix: 'Move saved passwords to a password manager and delete them from the browser; never mount a browser profile.',
  },
  {
    id: 'browser-cookies',
    name: 'Browser cookies and autofill',
    paths: [...CHROMIUMS.flatMap((b) => [`${b}/*/Cookies`, `${b}/*/Network/Cookies`, `${b}/*/Web Data`]), ...FIREFOXES.map((f) => `${f}/*/cookies.sqlite`)],
    category: 'credential-file',
    probe: 'present',
    severity: 'review',
    grants: 'logged-in sessions on every site (cookies skip passwords and MFA) and saved cards and addresses',
    fix: 'Never mount a browser profile; sign out of sensitive sites or use a separate browser profile for admin consoles.',
  },
  {
    id: 'password-manager-data',
    name: 'Password manager data',
    paths: ['.config/Bitwarden/data.json', 'Library/Application Support/Bitwarden/data.json', '.password-store/', '.local/share/keyrings/*.keyring', 'Library/Group Containers/2BUA8C4S2C.com.1password/'],
    category: 'keystore',
    probe: 'present',
    severity: 'review',
    grants: 'an encrypted copy of your vault, open to offline guessing of the master password',
    fix: 'Keep a strong master password and keep these folders out of every mount.',
  },
  {
    id: 'password-export',
    name: 'Password manager export',
    paths: ['Downloads/*assword*.csv', 'Downloads/bitwarden_export*', 'Downloads/*1PasswordExport*', 'Downloads/*.1pux', 'Downloads/lastpass*.csv', 'Documents/*assword*.csv', 'Desktop/*assword*.csv', 'Downloads/*.kdbx', 'Documents/*.kdbx'],
    category: 'password',
    probe: 'present',
    severity: 'block',
    grants: 'every password in the export, in plain text (a .kdbx only behind its master password)',
    fix: 'Delete plain-text exports (and empty the trash); keep vault files inside the password manager\'s own folder.',
  },
  {
    id: 'bitcoin-wallet',
    name: 'Bitcoin Core wallet',
    paths: ['.bitcoin/wallet.dat', '.bitcoin/wallets/*/wallet.dat', 'Library/Application Support/Bitcoin/wallets/*/wallet.dat'],
    category: 'keystore',
    probe: 'present',
    severity: 'block',
    grants: 'the coins it holds: Bitcoin Core wallets are not encrypted unless you chose to',
    fix: 'Encrypt it (`bitcoin-cli encryptwallet`), move the funds behind a hardware wallet, and keep wallet folders out of every mount.',
  },
  {
    id: 'crypto-wallet',
    name: 'Crypto wallet data',
    paths: ['.electrum/wallets/*', '.ethereum/keystore/*', '.config/Exodus/exodus.wallet/', 'Library/Application Support/Exodus/exodus.wallet/', ...CHROMIUMS.map((b) => `${b}/*/Local Extension Settings/${METAMASK}/`)],
    category: 'keystore',
    probe: 'present',
    severity: 'review',
    grants: 'the wallet\'s keys behind its password, open to offline guessing: the first thing stealer malware takes',
    fix: 'Use a hardware wallet for real funds; keep wallet folders out of every mount.',
  },
  {
    id: 'shell-history',
    name: 'Secrets in shell or REPL history',
    paths: ['.bash_history', '.zsh_history', '.zhistory', '.sh_history', '.local/share/fish/fish_history', '.python_history', '.node_repl_history', '.psql_history', '.mysql_history', '.sqlite_history', '.rediscli_history', '.irb_history'],
    category: 'shell-history',
    probe: 'literal-secret',
    severity: 'block',
    secret:
      '(?:\\b[A-Za-z_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY)[A-Za-z_]*=["\']?[^\\s"\'$]{8,}|--?(?:password|passwd|token|api-key|secret)[= ]["\']?[^\\s"\'$-][^\\s"\']{5,}|Authorization:\\s*(?:Bearer|Basic|token)\\s+[A-Za-z0-9._~+/=-]{12,}|\\b(?:ghp|gho|ghs|ghu)_[A-Za-z0-9]{30,}|\\bgithub_pat_\\w{30,}|\\bglpat-[\\w-]{20,}|\\bnpm_[A-Za-z0-9]{30,}|\\bxox[abpr]-[\\w-]{20,}|\\bsk-[\\w-]{30,}|\\bAKIA[0-9A-Z]{16}\\b|://[^\\s:/@]+:[^\\s@/$]{4,}@)',
    grants: 'whatever the commands typed with inline tokens and passwords give (they stay in the file for years)',
    fix: 'Delete those lines from the history file (and from open shells: `history -d N`), rotate what they held, and set HISTCONTROL=ignorespace (bash) or `setopt HIST_IGNORE_SPACE` (zsh) to keep a command out by starting it with a space.',
  },
] as const satisfies readonly Location[];
