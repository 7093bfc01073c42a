"""A plugin that fails on import, to show that `import pytidy` only warns about it."""

raise RuntimeError("this plugin is broken on purpose")
