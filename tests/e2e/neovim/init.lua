-- Minimal init for the headless e2e test: the plugin on 'runtimepath' (as a
-- plugin manager or a packpath install would put it) and the server binary
-- under test as `cmd`.
local plugin = assert(os.getenv('TREATY_E2E_PLUGIN'), 'TREATY_E2E_PLUGIN is not set')
local server = assert(os.getenv('TREATY_E2E_SERVER'), 'TREATY_E2E_SERVER is not set')

vim.opt.runtimepath:prepend(plugin)
vim.opt.swapfile = false
vim.opt.shortmess:append('I')

require('treaty').setup({
  cmd = { server },
  diagnosticsDelayMs = 0,
})
