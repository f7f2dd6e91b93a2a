-- The "Neovim 0.11+, without the plugin" snippet of editors/README.md, run
-- as written in a Neovim without the plugin (`treaty-lsp` found on $PATH):
-- the documented setup must attach, answer a hover and run the code lens
-- command. Run by ./run after test.lua.
local ws = assert(os.getenv('TREATY_E2E_WS'))
local readme = assert(os.getenv('TREATY_E2E_README'))

local function out(s)
  io.stdout:write(s .. '\n')
  io.stdout:flush()
end
local function fail(msg)
  out('FAIL - editors/README.md snippet: ' .. msg)
  out('neovim-readme: 0 passed, 1 failed')
  vim.cmd('cquit! 1')
end

local text = table.concat(vim.fn.readfile(readme), '\n')
local section = text:match('### Neovim 0%.11%+, without the plugin\n(.-)\n###')
local code = section and section:match('```lua\n(.-)\n```')
if not code then
  fail('no ```lua block under "### Neovim 0.11+, without the plugin"')
end
if vim.api.nvim_get_runtime_file('lsp/treaty_lsp.lua', false)[1] then
  fail('the plugin is on runtimepath: this check must run without it')
end
local chunk, err = loadstring(code, 'editors/README.md snippet')
if not chunk then
  fail(err)
end
local ok, run_err = pcall(chunk)
if not ok then
  fail('running it: ' .. tostring(run_err))
end

local ok2, check_err = xpcall(function()
  vim.cmd.edit(vim.fn.fnameescape(ws .. '/drafts/A-AC.291-16.treaty.md'))
  assert(vim.bo.filetype == 'treaty', 'filetype is ' .. vim.bo.filetype)
  local buf = vim.api.nvim_get_current_buf()
  local function client()
    return vim.lsp.get_clients({ bufnr = buf, name = 'treaty_lsp' })[1]
  end
  assert(vim.wait(15000, function()
    return client() ~= nil and client().initialized
  end, 20), 'treaty-lsp did not attach')
  local value
  assert(vim.wait(10000, function()
    local r = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      position = { line = 52, character = 12 },
    }, 3000)
    value = r and r[client().id] and r[client().id].result and r[client().id].result.contents.value
    return value ~= nil and value:find('Microsoft', 1, true) ~= nil
  end, 50), 'hover on Article 5 without Microsoft: ' .. tostring(value))
  -- The documented handler: refresh, run the lens on Article 40.
  vim.api.nvim_win_set_cursor(0, { 115, 12 })
  assert(vim.wait(10000, function()
    vim.lsp.codelens.refresh({ bufnr = buf })
    vim.wait(200)
    for _, l in ipairs(vim.lsp.codelens.get(buf)) do
      if l.range.start.line == 114 then
        return true
      end
    end
  end, 50), 'no code lens on Article 40')
  vim.lsp.codelens.run()
  assert(vim.wait(5000, function()
    return #vim.fn.getqflist() == 6
  end, 20), 'quickfix list has ' .. #vim.fn.getqflist() .. ' items, expected 6')
end, debug.traceback)
if not ok2 then
  fail(check_err)
end
out('ok - editors/README.md "Neovim 0.11+, without the plugin": attaches, hover, code lens command')
out('neovim-readme: 1 passed, 0 failed')
vim.cmd('qall!')
