import type Module from 'module';
import type { Agent } from 'http';
import type { RequestFilteringAgentOptions } from 'request-filtering-agent';

/**
 * SSRF-safe agents: request-filtering-agent checks the address a connection actually goes to,
 * after DNS resolution (and for IP literals before connecting), and refuses loopback, private,
 * link-local (169.254.169.254, the cloud metadata address) and unspecified addresses unless
 * they are in `allowedAddresses`. Checking at connection time closes the DNS-rebinding gap a
 * check at save time leaves open.
 */
interface FilteringModule {
  RequestFilteringHttpAgent: new (options: RequestFilteringAgentOptions & { keepAlive?: boolean }) => Agent;
  RequestFilteringHttpsAgent: new (options: RequestFilteringAgentOptions & { keepAlive?: boolean }) => Agent;
}

// The package is ES modules only. Node 20.19+ loads it with require(). Node's own require is
// reached through process.getBuiltinModule on purpose: a test runner's module registry (Jest's,
// which also replaces `module.createRequire`) cannot load ES modules.
const { createRequire } = process.getBuiltinModule('node:module') as typeof Module;
const nodeRequire = createRequire(__filename);
let filtering: FilteringModule | undefined;
const load = (): FilteringModule => (filtering ??= nodeRequire('request-filtering-agent') as FilteringModule);

export interface SafeAgents {
  http: Agent;
  https: Agent;
}

export const createSafeAgents = (allowedAddresses: string[]): SafeAgents => {
  const { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } = load();
  const options = {
    allowPrivateIPAddress: false,
    allowMetaIPAddress: false,
    allowIPAddressList: allowedAddresses,
    denyIPAddressList: [],
    keepAlive: false,
  };
  return { http: new RequestFilteringHttpAgent(options), https: new RequestFilteringHttpsAgent(options) };
};

/** True when an error is the agent refusing an address (not a network failure). */
export const isAddressRefusal = (message: string): boolean => /is not allowed\. Because/.test(message);
