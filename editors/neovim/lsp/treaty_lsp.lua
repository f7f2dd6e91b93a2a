-- treaty-lsp in the Neovim 0.11 `vim.lsp.config` form.
--
--   vim.lsp.enable('treaty_lsp')                         -- with this plugin on 'runtimepath'
--   vim.lsp.config('treaty_lsp', { cmd = { '/path/to/treaty-lsp' } })   -- to override a field
--
-- or, with the commands, code lens refresh and options in one call:
--   require('treaty').setup({ ... })                     -- see :help treaty-setup

local root_markers = { 'treaty.toml', '.git' }

-- The server options, sent both as initializationOptions and as the
-- `treaty` section of workspace/didChangeConfiguration.
local options = {
  contestedDiagnostics = true, -- hint diagnostics on contested clauses
  codeLens = true, -- code lenses above articles with positions
  stakeholders = {}, -- only these stakeholders' positions ({} = all)
}

---@type vim.lsp.Config
return {
  cmd = { 'treaty-lsp' },
  -- `toml` for stakeholders' positions files (*.positions.toml) and
  -- correspondence tables (*.correspondence.toml) only: see root_dir.
  filetypes = { 'treaty', 'toml' },
  root_markers = root_markers,
  -- A treaty draft attaches anywhere; a TOML file only when it is a positions
  -- file or a correspondence table (not calling on_dir leaves the buffer alone). The root is the
  -- nearest folder with a treaty.toml or .git, as root_markers says (nil: the
  -- server sees the file alone).
  root_dir = function(bufnr, on_dir)
    local name = vim.api.nvim_buf_get_name(bufnr)
    local ours = name:match('%.positions%.toml$') or name:match('%.correspondence%.toml$')
    if vim.bo[bufnr].filetype == 'toml' and not ours then
      return
    end
    on_dir(vim.fs.root(bufnr, root_markers))
  end,
  init_options = vim.deepcopy(options),
  settings = { treaty = vim.deepcopy(options) },
}
