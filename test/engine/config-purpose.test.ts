import { describe, expect, it } from 'vitest';
import { isConfigPurposePath } from '../../src/engine/config-purpose.js';

describe('isConfigPurposePath', () => {
  it('knows the files an application reads its settings from', () => {
    for (const path of ['.env', 'deploy/.env.production', 'prod.tfvars', 'infra/terraform.auto.tfvars', 'config/secrets.yml', 'src/main/resources/application-prod.properties', 'application.yml', 'mysite/settings.py', 'mysite/prod_settings.py', 'appsettings.Production.json', 'settings/production.py', 'wp-config.php', 'Web.config', 'app.Release.config']) {
      expect(isConfigPurposePath(path), path).toBe(true);
    }
  });

  it('leaves out source, documentation, examples and tests, whatever the name', () => {
    for (const path of ['app/models/user.rb', 'README.md', 'docs/config.rst', 'docs/settings.py', 'examples/app/.env', 'test/dummy/config/secrets.yml', '.env.example', 'settings.py.template', 'src/settings_view.py', 'docker-compose.yml']) {
      expect(isConfigPurposePath(path), path).toBe(false);
    }
  });
});
