/**
 * Generic credentials in the places people leave them: one file per context, each holding
 * one value generated here (a seeded PRNG, so a run is repeatable and no value is copied
 * from anywhere), and near misses of each context (variables, placeholders, words) that must
 * stay quiet. Used by test/rules/generic-contexts.test.ts, which scans them through the CLI.
 */
import { mulberry32 } from '../../src/rules/provider-values.js';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const PASSWORD = BASE62 + '!#%*+-.@^_~';

const seeded = mulberry32;

export interface GeneratedCase {
  path: string;
  content: string;
  /** The severity a finding must have: block in configuration files, review elsewhere. */
  severity: 'block' | 'review';
}

/** Values of every shape, with a letter and a digit each (the generic rules require both). */
function makeValues(random: () => number) {
  const pick = (set: string, length: number) => {
    for (;;) {
      const value = Array.from({ length }, () => set[Math.floor(random() * set.length)]).join('');
      if (/[0-9]/.test(value) && /[A-Za-z]/.test(value)) return value;
    }
  };
  return {
    key: () => pick(BASE62, 32),
    hex: () => pick(HEX, 40),
    token: () => pick(BASE62 + '-_', 43),
    password: () => pick(PASSWORD, 16),
  };
}

export function genericPositives(seed = 13): GeneratedCase[] {
  const v = makeValues(seeded(seed));
  const basic = (user: string, pass: string) => Buffer.from(`${user}:${pass}`).toString('base64');
  const review = (path: string, content: string): GeneratedCase => ({ path, content, severity: 'review' });
  const block = (path: string, content: string): GeneratedCase => ({ path, content, severity: 'block' });
  return [
    // Assignments in code and configuration.
    review('code/client.py', `import acme\nAPI_KEY = "${v.key()}"\nclient = acme.Client(api_key=API_KEY)\n`),
    review('code/billing.py', `client = BillingClient(api_key="${v.hex()}", region="eu")\n`),
    review('code/mailer.js', `const mailer = new Mailer({ apiKey: '${v.key()}', retries: 3 });\n`),
    review('code/oauth.ts', `export const oauth = { clientId: 'web', clientSecret: '${v.token()}' };\n`),
    review('code/Store.java', `private static final String ACCESS_TOKEN = "${v.token()}";\n`),
    review('code/main.go', `func main() {\n\tapiKey := "${v.key()}"\n\trun(apiKey)\n}\n`),
    review('code/acme.rb', `Acme.configure do |config|\n  config.api_key = '${v.key()}'\nend\n`),
    review('code/config.php', `<?php\nreturn ['api_key' => '${v.hex()}', 'debug' => false];\n`),
    review('code/Program.cs', `var secretKey = "${v.token()}";\n`),
    review('code/db.py', `conn = psycopg2.connect(host="db.acme.internal", user="app", password="${v.password()}")\n`),
    review('code/weather.js', `const api = new WeatherApi('${v.key()}');\n`),
    review('infra/main.tf', `resource "acme_user" "ci" {\n  name     = "ci"\n  password = "${v.password()}"\n}\n`),
    review('deploy/values.yaml', `acme:\n  token: ${v.token()}\n`),
    review('deploy/service.json', `{\n  "name": "billing",\n  "accessToken": "${v.token()}"\n}\n`),
    review('deploy/docker-compose.yml', `services:\n  db:\n    environment:\n      - POSTGRES_PASSWORD=${v.password()}\n`),
    // Configuration files: the same findings block.
    block('deploy/app.ini', `[database]\nhost = db.acme.internal\npassword = ${v.password()}\n`),
    block('app/settings.py', `SECRET_KEY = "${v.token()}"\n`),
    block('src/main/resources/application-prod.properties', `spring.datasource.password=${v.password()}\n`),
    block('infra/prod.tfvars', `acme_api_key = "${v.key()}"\n`),
    block('config/secrets.yml', `production:\n  client_secret: ${v.hex()}\n`),
    // Command lines.
    review('scripts/upload.sh', `curl -H "X-Api-Key: ${v.key()}" https://api.acme.io/v2/upload\n`),
    review('scripts/me.sh', `curl -H "Authorization: Bearer ${v.token()}" https://api.acme.io/v1/me\n`),
    review('scripts/legacy.sh', `curl -H "Authorization: Token ${v.key()}" https://api.acme.io/v1/orders\n`),
    review('scripts/jenkins.sh', `curl -H "Authorization: Basic ${basic('ci', v.password())}" https://ci.acme.io/api/json\n`),
    review('scripts/build.sh', `curl -u deploy:${v.key()} https://ci.acme.io/job/build/api/json\n`),
    review('scripts/registry.sh', `docker login registry.acme.io -u ci-bot -p ${v.token()}\n`),
    review('scripts/dump.sh', `mysqldump -h db.acme.internal -uroot -p${v.password()} shop > shop.sql\n`),
    review('scripts/restore.sh', `pg_restore --dbname shop --password ${v.password()} dump.tar\n`),
    review('scripts/ssh.sh', `sshpass -p '${v.password()}' ssh deploy@10.0.4.12 uptime\n`),
    review('scripts/deploy.sh', `vercel deploy --prod --token ${v.key()}\n`),
    review('scripts/pkcs.sh', `openssl pkcs12 -export -in c.pem -inkey k.pem -out b.p12 -passout pass:${v.password()}\n`),
    review('scripts/env.sh', `export ACME_API_TOKEN=${v.token()}\n./run.sh\n`),
    // Requests, URLs and logs.
    review('requests/orders.http', `GET https://gitlab.acme.io/api/v4/projects\nPRIVATE-TOKEN: ${v.key()}\n`),
    review('web/tiles.js', `const url = \`https://maps.acme.io/tiles.png?key=${v.key()}\`;\n`),
    review('logs/access.log', `10.0.3.7 - - [02/Mar/2024:10:14:07 +0000] "GET /export?access_token=${v.token()}&since=2024 HTTP/1.1" 200 512\n`),
    review('logs/app.log', `2024-03-02 10:14:07,512 [DEBUG] app.client: Using key=${v.key()} for acme\n`),
    review('logs/worker.log', `[INFO] auth: refreshed token: ${v.token()} (expires in 3600s)\n`),
    review('requests/okta.sh', `curl -H "Authorization: SSWS ${v.key()}" https://acme.okta.com/api/v1/users\n`),
    review('code/bot.py', `headers = {"Authorization": "${v.token()}"}\n`),
    // XML settings.
    review('deploy/context.xml', `<datasource>\n  <username>app</username>\n  <password>${v.password()}</password>\n</datasource>\n`),
    review('deploy/beans.xml', `<bean id="ds">\n  <property name="password" value="${v.password()}"/>\n</bean>\n`),
    block('web/Web.config', `<appSettings>\n  <add key="AcmeApiKey" value="${v.key()}" />\n</appSettings>\n`),
    // Credentials in two parts.
    review('deploy/storage.yaml', `storage:\n  account: acmeprodlogs\n  key: ${v.token()}\n`),
    review('deploy/keys.json', `{"keyId": "AK7F3Q9ZP2", "key": "${v.key()}"}\n`),
  ];
}

/** Near misses of the same contexts: nothing here may be reported. */
export function genericDecoys(seed = 14): { path: string; content: string }[] {
  const v = makeValues(seeded(seed));
  return [
    { path: 'code/client.py', content: `API_KEY = os.environ["ACME_API_KEY"]\nclient = acme.Client(api_key=API_KEY)\n` },
    { path: 'code/mailer.js', content: `const mailer = new Mailer({ apiKey: process.env.MAILER_KEY, retries: 3 });\nconst sortKey = 'createdAtDescending';\n` },
    { path: 'code/db.py', content: `password = "correcthorsebatterystaple"\npassword_hint = "the name of your first pet"\n` },
    { path: 'code/cache.js', content: `const cacheKey = "${v.key()}";\nconst key = 'users:list:page-2';\n` },
    { path: 'code/http.js', content: `const http = new HttpClient("https://api.acme.io/v1");\nconst users = new UserApi('getUserById');\n` },
    { path: 'deploy/values.yaml', content: `acme:\n  token: "{{ .Values.acmeToken }}"\n  tokenUrl: https://auth.acme.io/oauth/token\n` },
    { path: 'scripts/upload.sh', content: `curl -H "X-Api-Key: $ACME_API_KEY" https://api.acme.io/v2/upload\ncurl -H "X-Request-Id: ${v.key()}" https://api.acme.io\n` },
    { path: 'scripts/me.sh', content: `curl -H "Authorization: Bearer \${TOKEN}" https://api.acme.io/v1/me\ncurl -H "Authorization: Bearer <access-token>" https://api.acme.io\n` },
    { path: 'scripts/build.sh', content: `curl -u "$CI_USER:$CI_TOKEN" https://ci.acme.io/api\ndocker run -p 8080:80 nginx\nmysql -u root -p shop\n` },
    { path: 'scripts/deploy.sh', content: `vercel deploy --token "$VERCEL_TOKEN" --max-tokens 4096\nnginx --key ./certs/server.key\n` },
    { path: 'web/search.js', content: `const url = "/search?next_page_token=${v.key()}&key=value";\n` },
    { path: 'logs/app.log', content: `[DEBUG] Using key=%s\n[INFO] token: <redacted>\n[DEBUG] csrf_token=${v.key()}\n2024-03-02 10:14:07 INFO token refreshed for user 1234\n` },
    { path: 'deploy/i18n.json', content: `[{"id": 4, "key": "${v.key()}"}, {"user": "alice", "key": "onboarding-checklist-v2"}]\n` },
    { path: 'deploy/context.xml', content: `<password>\${DB_PASSWORD}</password>\n<add key="Theme" value="${v.key()}" />\n` },
    { path: 'docs/hashes.md', content: `commit ${v.hex()} fixed the login page\nintegrity: sha512-${Buffer.from(v.key()).toString('base64')}\n` },
  ];
}
