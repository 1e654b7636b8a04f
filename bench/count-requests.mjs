// An API plugin whose runs count the requests they send: every request goes through its API's `prepare`.

/** `plugin` with `onPrepare()` called for each request its conformance API prepares (a generated one, or a step of a case). */
export function countingPlugin(plugin, onPrepare) {
  const conformance = {
    ...plugin.conformance,
    createApi(credentials) {
      const created = plugin.conformance.createApi(credentials);
      return {
        ...created,
        prepare(request, context) {
          onPrepare();
          return created.prepare(request, context);
        },
        create: created.create.bind(created),
      };
    },
  };
  return { ...plugin, conformance };
}
