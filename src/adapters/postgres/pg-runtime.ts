/**
 * Imported before `pg`, for its side effect. At load time pg asks whether it runs in a Cloudflare Worker:
 * with no `navigator` (Node 20; Node 21+ defines one) it constructs a fetch `Response`, which loads Node's
 * whole fetch implementation — some 15 ms of every command that touches a database. Node 21+ answers from
 * `navigator.userAgent`; this gives Node 20 the same minimal object, and only when there is none.
 */
const globals = globalThis as { navigator?: { userAgent?: string } };
globals.navigator ??= { userAgent: `Node.js/${process.versions.node.split('.')[0]}` };

export {};
