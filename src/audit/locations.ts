import type { Location } from './location.js';
import { AGENT_LOCATIONS } from './locations/agents.js';
import { KEY_AND_CLOUD_LOCATIONS } from './locations/keys-and-cloud.js';
import { PERSONAL_STORE_LOCATIONS } from './locations/personal-stores.js';
import { REGISTRY_AND_GIT_LOCATIONS } from './locations/registries-and-git.js';

/** The catalog of where credentials live on a developer machine, in the order reports list it. */
export const LOCATIONS: readonly Location[] = [...KEY_AND_CLOUD_LOCATIONS, ...REGISTRY_AND_GIT_LOCATIONS, ...AGENT_LOCATIONS, ...PERSONAL_STORE_LOCATIONS];
