-- treaty-lsp: the client side of the code lens command and the :Treaty*
-- commands. Starting the server is require('treaty').setup() (or
-- vim.lsp.enable('treaty_lsp') on 0.11+): see :help treaty.
if vim.g.loaded_treaty then
  return
end
vim.g.loaded_treaty = true

-- Semantic tokens: the server's own token types, linked to standard groups
-- (as defaults: a colorscheme or your config can set them). Without these
-- links Neovim shows nothing for them.
local links = {
  ['@lsp.type.heading'] = '@markup.heading',
  ['@lsp.type.articleNumber'] = 'Number',
  ['@lsp.type.paragraphNumber'] = '@markup.list',
  ['@lsp.type.definedTerm'] = 'Identifier',
  ['@lsp.type.reference'] = '@markup.link',
  ['@lsp.type.externalReference'] = '@markup.link.url',
  ['@lsp.type.danglingReference'] = '@comment.error',
  ['@lsp.type.unagreedText'] = '@comment.warning',
}
local function set_links()
  for group, target in pairs(links) do
    vim.api.nvim_set_hl(0, group, { link = target, default = true })
  end
end
set_links()
vim.api.nvim_create_autocmd('ColorScheme', {
  group = vim.api.nvim_create_augroup('treaty.highlights', { clear = true }),
  desc = 'treaty: semantic token highlight links',
  callback = set_links,
})

-- The code lens command: the server sends it, the client runs it.
vim.lsp.commands['treaty.showPositions'] = function(command, ctx)
  require('treaty').show_positions(command, ctx)
end

local cmd = vim.api.nvim_create_user_command

cmd('TreatyRestart', function()
  require('treaty').restart()
end, { desc = 'Restart treaty-lsp' })

cmd('TreatyLog', function()
  require('treaty').log()
end, { desc = 'Open the LSP log (treaty-lsp writes to it through stderr)' })

cmd('TreatyApplyAmendments', function(a)
  require('treaty').apply_amendments_command(a.args)
end, {
  nargs = '?',
  desc = "Apply a stakeholder's amendments to this draft",
  complete = function(arglead)
    return require('treaty').complete_stakeholders(arglead)
  end,
})

cmd('TreatyCompare', function(a)
  require('treaty').compare(0, a.bang)
end, {
  bang = true,
  desc = 'Diff the element at the cursor (with !: the whole draft) against the previous version',
})

cmd('TreatyPositions', function()
  require('treaty').positions()
end, { desc = 'Positions on the element at the cursor, in the quickfix list' })

cmd('TreatyReport', function(a)
  require('treaty').report(0, a.args ~= '' and a.args or nil)
end, {
  nargs = '?',
  complete = 'file',
  desc = 'Write the positions report of this draft (HTML) and open it',
})

cmd('TreatyExtract', function(a)
  require('treaty').extract(0, a.args ~= '' and a.args or nil)
end, {
  nargs = '*',
  desc = 'Draft a positions file from the submission in this buffer, and open it unsaved',
})

cmd('TreatyMatrix', function()
  require('treaty').matrix(0)
end, { desc = 'The positions matrix of this draft in a scratch buffer' })
