-- Drafts: *.treaty and *.treaty.md have the filetype `treaty`.
-- `*.treaty.md` is a pattern, and patterns (priority >= 0) are tried before
-- extensions, so it wins over the `md` -> markdown extension rule.
vim.filetype.add({
  extension = { treaty = 'treaty' },
  pattern = { ['.*%.treaty%.md'] = { 'treaty', { priority = 10 } } },
})
