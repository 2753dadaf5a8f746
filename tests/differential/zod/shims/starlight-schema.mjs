// docsSchema() returning the user's extension only: the harness judges the extension with the real zod.
export const docsSchema =
	(options = {}) =>
	(context) => {
		const { extend } = options;
		return { extension: typeof extend === 'function' ? extend(context) : extend };
	};
