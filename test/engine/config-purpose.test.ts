import { describe, expect, it } from 'vitest';
import { filePurpose } from '../../src/engine/context/index.js';

/** Generic credential rules block only where the file's purpose is configuration. */
describe('filePurpose: configuration', () => {
  it('knows the files an application reads its settings from', () => {
    for (const path of ['.env', 'deploy/.env.production', 'prod.tfvars', 'infra/terraform.auto.tfvars', 'config/secrets.yml', 'src/main/resources/application-prod.properties', 'application.yml', 'mysite/settings.py', 'mysite/prod_settings.py', 'appsettings.Production.json', 'settings/production.py', 'wp-config.php', 'Web.config', 'app.Release.config']) {
      expect(filePurpose(path), path).toBe('configuration');
    }
  });

  it('leaves out source, documentation and tests, whatever the name', () => {
    for (const path of ['app/models/user.rb', 'README.md', 'docs/config.rst', 'docs/settings.py', 'test/dummy/config/secrets.yml', 'settings.py.template', 'src/settings_view.py', 'docker-compose.yml']) {
      expect(filePurpose(path), path).not.toBe('configuration');
    }
  });
});
