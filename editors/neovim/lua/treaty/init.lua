-- treaty-lsp for Neovim: setup, the client side of the code lens command,
-- code lens refresh and the :Treaty* commands. See :help treaty.
local M = {}

M.name = 'treaty_lsp'

-- The server options (initializationOptions and settings.treaty).
local server_keys = { 'contestedDiagnostics', 'codeLens', 'stakeholders', 'diagnosticsDelayMs', 'maxFileSize', 'hoverLayout', 'outline' }

local has_011 = vim.fn.has('nvim-0.11') == 1

---@class treaty.Opts
---@field cmd? string[]                 command that starts the server (default { 'treaty-lsp' })
---@field contestedDiagnostics? boolean hint diagnostics on contested clauses (default true)
---@field codeLens? boolean             code lenses above articles with positions (default true)
---@field stakeholders? string[]        only these stakeholders' positions (default {} = all)
---@field diagnosticsDelayMs? integer   debounce of diagnostics after a change
---@field maxFileSize? integer          largest file read from the workspace, in MB (server default 256)
---@field hoverLayout? string           'list' (default for Neovim: wraps in the float) or 'table'
---@field outline? {depth: string}      outline depth: 'articles', 'paragraphs' (server default) or 'points'
---@field positions_files? boolean      attach to *.positions.toml and *.correspondence.toml too (default true)
---@field config? table                 more vim.lsp.Config fields (on_attach, capabilities, ...)
---@field legacy? boolean               use the Neovim 0.10 path (FileType + vim.lsp.start) even on 0.11
---@field keymaps? boolean              `gd` to the cited element and `gO` to the treaty outline in treaty buffers (default true)

M.opts = { codeLens = true }

local legacy_config -- the resolved config on the 0.10 path (setup() sets it)

-- Compatibility: client:request() (0.11) and client.request() (0.10).
local function request(client, method, params, handler, bufnr)
  if has_011 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function supports(client, method, bufnr)
  if has_011 then
    return client:supports_method(method, bufnr)
  end
  return client.supports_method(method, { bufnr = bufnr })
end

local function notify(msg, level)
  vim.notify('treaty: ' .. msg, level or vim.log.levels.INFO)
end

--- `1 amendment`, `2 amendments`.
local function count(n, one, many)
  return ('%d %s'):format(n, n == 1 and one or many)
end

--- The treaty-lsp clients attached to a buffer (0: current), or all of them.
---@param bufnr? integer
---@return vim.lsp.Client[]
function M.clients(bufnr)
  return vim.lsp.get_clients({ name = M.name, bufnr = bufnr })
end

--- The first treaty-lsp client attached to the buffer, or nil with a message.
function M.client(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local client = M.clients(bufnr)[1]
  if not client then
    notify('treaty-lsp is not attached to this buffer', vim.log.levels.WARN)
  end
  return client
end

-- The default configuration from lsp/treaty_lsp.lua on 'runtimepath'.
local function default_config()
  local file = vim.api.nvim_get_runtime_file('lsp/treaty_lsp.lua', false)[1]
  if not file then
    error('treaty: lsp/treaty_lsp.lua not found on runtimepath (is editors/neovim on it?)')
  end
  return dofile(file)
end

-- vim.lsp.Config fields from setup() options.
local function config_from_opts(opts)
  local cfg = vim.deepcopy(opts.config or {})
  if opts.cmd then
    cfg.cmd = opts.cmd
  end
  local server = {}
  for _, k in ipairs(server_keys) do
    if opts[k] ~= nil then
      server[k] = opts[k]
    end
  end
  if next(server) then
    cfg.init_options = vim.tbl_extend('force', cfg.init_options or {}, server)
    cfg.settings = vim.tbl_deep_extend('force', cfg.settings or {}, { treaty = server })
    -- A list replaces a list: stakeholders = { 'A' } must not keep old entries.
    if server.stakeholders then
      cfg.settings.treaty.stakeholders = server.stakeholders
    end
  end
  if opts.positions_files == false then
    cfg.filetypes = { 'treaty' }
  end
  return cfg
end

---------------------------------------------------------------------------
-- The code lens command: treaty.showPositions [uri, position, locations]
---------------------------------------------------------------------------

--- Puts the positions' locations in the quickfix list and opens it.
---@param command lsp.Command
---@param ctx table { client_id = ..., bufnr = ... }
function M.show_positions(command, ctx)
  local args = command.arguments or {}
  local locations = args[3] or {}
  local client = ctx and ctx.client_id and vim.lsp.get_client_by_id(ctx.client_id)
  local encoding = client and client.offset_encoding or 'utf-16'
  local items = vim.lsp.util.locations_to_items(locations, encoding)
  local title = command.title or 'positions'
  vim.fn.setqflist({}, ' ', { title = 'treaty: ' .. title, items = items })
  if #items == 0 then
    notify('no positions here')
    return
  end
  vim.cmd('botright copen')
end

---------------------------------------------------------------------------
-- Code lenses
---------------------------------------------------------------------------

local lens_group = vim.api.nvim_create_augroup('treaty.codelens', { clear = true })

--- Asks for the buffer's code lenses again. vim.lsp.codelens.refresh()
--- drops a refresh while one is in flight for the buffer; `force` sends a
--- request of its own (used when the server has finished indexing, whose
--- answer must not be lost).
local function refresh_lenses(bufnr, force)
  if M.opts.codeLens == false or not vim.api.nvim_buf_is_loaded(bufnr) then
    return
  end
  local client = M.clients(bufnr)[1]
  if not client or not supports(client, 'textDocument/codeLens', bufnr) then
    return
  end
  if not force then
    vim.lsp.codelens.refresh({ bufnr = bufnr })
    return
  end
  request(client, 'textDocument/codeLens', {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
  }, function(err, result, ctx)
    vim.lsp.codelens.on_codelens(err, result, ctx)
  end, bufnr)
end
M.refresh_lenses = refresh_lenses

--- The outline of a draft as the location list: every element, indented by
--- its depth, named as the draft names it (`Article 6 - Illegal access`,
--- `(a) first words`), not by the LSP symbol kinds a generic outline shows
--- (`[Class]`, `[EnumMember]`).
function M.outline(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = vim.lsp.get_clients({ bufnr = bufnr, name = M.name })[1]
  if not client then
    return notify('treaty-lsp is not attached to this buffer', vim.log.levels.WARN)
  end
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
  request(client, 'textDocument/documentSymbol', params, function(err, symbols)
    if err or not symbols then
      return notify('no outline: ' .. (err and err.message or 'no answer'), vim.log.levels.WARN)
    end
    local items = {}
    local function walk(list, depth)
      for _, s in ipairs(list) do
        local at = (s.selectionRange or s.range or s.location.range).start
        local text = string.rep('  ', depth) .. s.name
        if s.detail and s.detail ~= '' then
          text = text .. ' — ' .. s.detail
        end
        items[#items + 1] = { bufnr = bufnr, lnum = at.line + 1, col = at.character + 1, text = text }
        walk(s.children or {}, depth + 1)
      end
    end
    walk(symbols, 0)
    vim.fn.setloclist(0, {}, ' ', { title = 'Outline: ' .. vim.fn.bufname(bufnr), items = items })
    vim.cmd.lopen()
  end, bufnr)
end

--- `gd` goes to the element a reference cites (CTRL-] does too, through
--- 'tagfunc'), `gO` opens the treaty outline: in the buffers treaty-lsp is
--- attached to, unless `keymaps = false`.
local function map_keys(bufnr)
  if M.opts.keymaps == false then
    return
  end
  local map = function(lhs, rhs, desc)
    vim.keymap.set('n', lhs, rhs, { buffer = bufnr, desc = 'treaty: ' .. desc })
  end
  map('gd', vim.lsp.buf.definition, 'go to the cited element')
  map('gO', function()
    M.outline(bufnr)
  end, 'outline')
end

local function on_attach(client, bufnr)
  if client.name ~= M.name then
    return
  end
  map_keys(bufnr)
  if M.opts.codeLens == false or not supports(client, 'textDocument/codeLens', bufnr) then
    return
  end
  vim.api.nvim_clear_autocmds({ group = lens_group, buffer = bufnr })
  vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave' }, {
    group = lens_group,
    buffer = bufnr,
    desc = 'treaty: refresh code lenses',
    callback = function(args)
      refresh_lenses(args.buf)
    end,
  })
  refresh_lenses(bufnr)
end

--- The code lens for the innermost element around the cursor: a lens on the
--- cursor line, else the lens of the enclosing article or division (found
--- from the document symbols).
local function lens_at_cursor(client, bufnr, cb)
  local line = vim.api.nvim_win_get_cursor(0)[1] - 1
  local function pick(lenses)
    for _, l in ipairs(lenses) do
      if l.range.start.line == line and l.command then
        return l
      end
    end
  end
  local function with_lenses(lenses)
    local here = pick(lenses)
    if here then
      return cb(here)
    end
    local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
    request(client, 'textDocument/documentSymbol', params, function(err, symbols)
      if err or not symbols then
        return cb(nil)
      end
      -- Innermost first: the symbols that contain the cursor line.
      local chain = {}
      local function walk(list)
        for _, s in ipairs(list) do
          if s.range and s.range.start.line <= line and line <= s.range['end'].line then
            table.insert(chain, 1, s)
            walk(s.children or {})
            return
          end
        end
      end
      walk(symbols)
      for _, s in ipairs(chain) do
        for _, l in ipairs(lenses) do
          if
            l.command
            and l.range.start.line >= s.range.start.line
            and l.range.start.line <= s.selectionRange['end'].line
          then
            return cb(l)
          end
        end
      end
      cb(nil)
    end, bufnr)
  end
  request(client, 'textDocument/codeLens', {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
  }, function(err, lenses)
    if err then
      notify('code lens request failed: ' .. tostring(err.message), vim.log.levels.ERROR)
      return
    end
    with_lenses(lenses or {})
  end, bufnr)
end

--- :TreatyPositions: the positions on the element at the cursor, in the
--- quickfix list (what the code lens above it does).
function M.positions()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.client(bufnr)
  if not client then
    return
  end
  lens_at_cursor(client, bufnr, function(lens)
    if not lens then
      notify('no positions on the element at the cursor')
      return
    end
    M.show_positions(lens.command, { client_id = client.id, bufnr = bufnr })
  end)
end

---------------------------------------------------------------------------
-- Amendments
---------------------------------------------------------------------------

local function execute(client, bufnr, command, arguments, cb)
  request(client, 'workspace/executeCommand', {
    command = command,
    arguments = arguments,
  }, function(err, result)
    if err then
      notify(command .. ' failed: ' .. tostring(err.message), vim.log.levels.ERROR)
      return
    end
    cb(result)
  end, bufnr)
end

local function server_has_command(client, command)
  local provider = client.server_capabilities.executeCommandProvider
  return provider and vim.tbl_contains(provider.commands or {}, command)
end

--- The buffer's client, when it runs the server command `command` (else
--- nil, and the user is told).
local function command_client(bufnr, command)
  local client = M.client(bufnr)
  if client and not server_has_command(client, command) then
    notify('this treaty-lsp does not offer ' .. command, vim.log.levels.ERROR)
    return nil
  end
  return client
end

--- Stakeholders with positions on the buffer's draft, from the server.
---@param cb fun(list: {stakeholder: string, group?: string, positions?: integer, amendments?: integer}[])
function M.list_stakeholders(bufnr, cb)
  local client = command_client(bufnr, 'treaty-lsp.listStakeholders')
  if not client then
    return
  end
  execute(client, bufnr, 'treaty-lsp.listStakeholders', { vim.uri_from_bufnr(bufnr) }, function(r)
    cb(r or {})
  end)
end

--- The positions report of the buffer's draft, from the server (the texts
--- as they are in the editor): `format` 'html' (default) or 'md'.
---@param cb fun(text: string)
local function fetch_report(bufnr, format, cb)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = command_client(bufnr, 'treaty-lsp.report')
  if not client then
    return
  end
  execute(client, bufnr, 'treaty-lsp.report', { vim.uri_from_bufnr(bufnr), format }, function(text)
    if type(text) == 'string' then
      cb(text)
    end
  end)
end

--- `:TreatyReport [file]`: writes the HTML report (one self-contained page)
--- to `file` (default: `<draft>.report.html` in Neovim's cache folder) and
--- opens it with vim.ui.open (the system's browser).
function M.report(bufnr, path)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t:r:r')
  path = path or (vim.fn.stdpath('cache') .. '/treaty/' .. name .. '.report.html')
  fetch_report(bufnr, 'html', function(html)
    vim.fn.mkdir(vim.fn.fnamemodify(path, ':h'), 'p')
    local f = assert(io.open(path, 'w'))
    f:write(html)
    f:close()
    notify('report written to ' .. path)
    local ok, err = pcall(vim.ui.open, path)
    if not ok then
      notify('could not open it: ' .. tostring(err), vim.log.levels.WARN)
    end
  end)
end

--- `:TreatyMatrix`: the report as Markdown (the matrix, then every
--- position) in a scratch buffer beside the draft.
function M.matrix(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local draft = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t')
  fetch_report(bufnr, 'md', function(md)
    vim.cmd('botright vnew')
    local buf = vim.api.nvim_get_current_buf()
    vim.bo[buf].buftype = 'nofile'
    vim.bo[buf].bufhidden = 'wipe'
    vim.bo[buf].swapfile = false
    vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(md, '\n', { plain = true }))
    vim.bo[buf].filetype = 'markdown'
    vim.bo[buf].modifiable = false
    vim.wo.wrap = false
    pcall(vim.api.nvim_buf_set_name, buf, 'treaty://matrix/' .. draft)
    local at = vim.fn.search('^| Element |', 'nw')
    if at > 0 then
      vim.api.nvim_win_set_cursor(0, { at, 0 })
    end
  end)
end

--- The groups a positions file's `[source] group` takes.
M.groups = { 'state', 'industry', 'civil-society', 'academia', 'secretariat', 'intergovernmental', 'other' }

--- The treaty-lsp client whose workspace holds `path` (else the first).
local function client_for_path(path)
  local all = M.clients()
  for _, c in ipairs(all) do
    if c.root_dir and vim.startswith(path, c.root_dir .. '/') then
      return c
    end
  end
  return all[1]
end

--- Opens the drafted positions file unsaved, at the name the server
--- proposes (`:w` saves it there; nothing on the disk is overwritten).
local function open_drafted(r)
  vim.cmd('botright vnew')
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_name(buf, vim.uri_to_fname(r.uri))
  local text = r.text:gsub('\n$', '')
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(text, '\n', { plain = true }))
  vim.bo[buf].filetype = 'toml'
  local review = (r.review or 0) > 0 and ('; %s marked `# check:` for review'):format(r.review) or ''
  notify(('%s drafted against %s%s. Check each against the submission, then :w'):format(
    count(r.positions or 0, 'position', 'positions'), r.draft, review))
end

--- `:TreatyExtract [stakeholder]`: drafts a positions file from the
--- submission in the buffer (the server's treaty-lsp.extract, against the
--- draft it names, else the latest), asking for the stakeholder when not
--- given and for their group (vim.ui.input, vim.ui.select), and opens it
--- unsaved beside the workspace's positions files.
function M.extract(bufnr, stakeholder)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local path = vim.api.nvim_buf_get_name(bufnr)
  local client = client_for_path(path)
  if not client then
    notify('treaty-lsp is not running: open a draft of the workspace first', vim.log.levels.WARN)
    return
  end
  if not server_has_command(client, 'treaty-lsp.extract') then
    notify('this treaty-lsp does not offer treaty-lsp.extract', vim.log.levels.ERROR)
    return
  end
  local function run(who, group)
    local options = { stakeholder = who, group = group or '' }
    execute(client, nil, 'treaty-lsp.extract', { vim.uri_from_bufnr(bufnr), options }, function(r)
      if type(r) == 'table' and type(r.uri) == 'string' and type(r.text) == 'string' then
        open_drafted(r)
      end
    end)
  end
  local function ask_group(who)
    if not who or vim.trim(who) == '' then
      return
    end
    vim.ui.select(M.groups, { prompt = 'Group of ' .. who .. ' (Esc: none)' }, function(group)
      run(vim.trim(who), group)
    end)
  end
  if stakeholder and vim.trim(stakeholder) ~= '' then
    ask_group(stakeholder)
  else
    local stem = vim.fn.fnamemodify(path, ':t:r')
    local first = stem:match('^[^%-_%. ]+') or ''
    local guess = first:gsub('^%l', string.upper)
    vim.ui.input({ prompt = 'Stakeholder: ', default = guess }, ask_group)
  end
end

--- Applies every applicable amendment of one stakeholder to the buffer's
--- draft (the server sends the edit), then reports what was applied.
---@param stakeholder string
---@param cb? fun(result: {applied: integer, skipped: {title: string, reason: string}[]})
function M.apply_amendments(bufnr, stakeholder, cb)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = command_client(bufnr, 'treaty-lsp.applyStakeholderAmendments')
  if not client then
    return
  end
  local args = { vim.uri_from_bufnr(bufnr), stakeholder }
  execute(client, bufnr, 'treaty-lsp.applyStakeholderAmendments', args, function(result)
    result = result or {}
    local skipped = result.skipped or {}
    local msg = ('%s: applied %s'):format(stakeholder, count(result.applied or 0, 'amendment', 'amendments'))
    if #skipped > 0 then
      local lines = {}
      for _, s in ipairs(skipped) do
        table.insert(lines, ('  skipped %s: %s'):format(s.title or s.what or '?', s.reason or '?'))
      end
      msg = msg .. (', skipped %d:\n'):format(#skipped) .. table.concat(lines, '\n')
    end
    notify(msg)
    refresh_lenses(bufnr)
    if cb then
      cb(result)
    end
  end)
end

--- :TreatyApplyAmendments [stakeholder]: without a name, choose one with
--- vim.ui.select from the stakeholders with positions on this draft.
function M.apply_amendments_command(stakeholder)
  local bufnr = vim.api.nvim_get_current_buf()
  if stakeholder and stakeholder ~= '' then
    return M.apply_amendments(bufnr, stakeholder)
  end
  M.list_stakeholders(bufnr, function(list)
    if #list == 0 then
      notify('no stakeholder has positions on this draft')
      return
    end
    vim.ui.select(list, {
      prompt = 'Apply the amendments of:',
      format_item = function(s)
        return ('%s (%s): %s, %s'):format(
          s.stakeholder,
          s.group or '?',
          count(s.amendments or 0, 'amendment', 'amendments'),
          count(s.positions or 0, 'position', 'positions')
        )
      end,
    }, function(choice)
      if choice then
        M.apply_amendments(bufnr, choice.stakeholder)
      end
    end)
  end)
end

-- Completion of :TreatyApplyAmendments (a short synchronous request).
function M.complete_stakeholders(arglead)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.clients(bufnr)[1]
  if not client or not server_has_command(client, 'treaty-lsp.listStakeholders') then
    return {}
  end
  local res = client and vim.lsp.buf_request_sync(bufnr, 'workspace/executeCommand', {
    command = 'treaty-lsp.listStakeholders',
    arguments = { vim.uri_from_bufnr(bufnr) },
  }, 1000)
  local out = {}
  for id, r in pairs(res or {}) do
    if id == client.id then
      for _, s in ipairs(r.result or {}) do
        if vim.startswith(s.stakeholder:lower(), arglead:lower()) then
          table.insert(out, s.stakeholder)
        end
      end
    end
  end
  return out
end

---------------------------------------------------------------------------
-- Versions
---------------------------------------------------------------------------

--- A scratch buffer holding `text`, read as a treaty draft.
local function scratch(name, text)
  local b = vim.api.nvim_create_buf(false, true)
  vim.bo[b].bufhidden = 'wipe'
  vim.api.nvim_buf_set_lines(b, 0, -1, false, vim.split(text, '\r?\n'))
  vim.bo[b].modifiable = false
  vim.bo[b].filetype = 'treaty'
  pcall(vim.api.nvim_buf_set_name, b, ('treaty://%s/%s'):format(b, name))
  return b
end

--- The element at the cursor (its article) beside its text in the previous
--- version of the draft, in a new tab as a diff; with `whole`, the whole
--- previous draft beside this buffer. The server says what it was
--- (`treaty-lsp.previousVersion`), through renumbering and moves.
---@param cb? fun(result: {title: string, old: {name: string, text: string}, new: {name: string, text: string}})
function M.compare(bufnr, whole, cb)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = command_client(bufnr, 'treaty-lsp.previousVersion')
  if not client then
    return
  end
  local win = vim.fn.bufwinid(bufnr)
  local params = vim.lsp.util.make_position_params(win ~= -1 and win or 0, client.offset_encoding)
  local args = { vim.uri_from_bufnr(bufnr), params.position, whole and true or false }
  execute(client, bufnr, 'treaty-lsp.previousVersion', args, function(r)
    if not r or not r.old then
      return
    end
    vim.cmd('tabnew')
    local left = scratch(r.old.name, r.old.text)
    vim.api.nvim_win_set_buf(0, left)
    vim.cmd('diffthis')
    if whole then
      vim.cmd('vertical rightbelow sbuffer ' .. bufnr)
    else
      vim.cmd('vertical rightbelow new')
      vim.api.nvim_win_set_buf(0, scratch(r.new.name, r.new.text))
    end
    vim.cmd('diffthis')
    vim.t.treaty_compare = r.title
    notify(r.title)
    if cb then
      cb(r)
    end
  end)
end

---------------------------------------------------------------------------
-- Settings while the server runs
---------------------------------------------------------------------------

--- Changes server options of the running clients (and of clients started
--- later), e.g. `configure({ stakeholders = { 'CSIS' } })`: sends
--- workspace/didChangeConfiguration with the `treaty` section, then
--- refreshes the code lenses.
---@param settings {contestedDiagnostics?: boolean, codeLens?: boolean, stakeholders?: string[], diagnosticsDelayMs?: integer, maxFileSize?: integer, hoverLayout?: string}
function M.configure(settings)
  for k in pairs(settings) do
    if not vim.tbl_contains(server_keys, k) then
      error('treaty.configure: unknown option ' .. k)
    end
  end
  for k, v in pairs(settings) do
    M.opts[k] = v
  end
  if has_011 and not legacy_config then
    -- For clients started later (a list given replaces the old one).
    vim.lsp.config(M.name, config_from_opts(settings))
  elseif legacy_config then
    for k, v in pairs(settings) do
      legacy_config.settings.treaty[k] = v
      legacy_config.init_options[k] = v
    end
  end
  for _, client in ipairs(M.clients()) do
    client.settings = client.settings or {}
    client.settings.treaty = vim.tbl_extend('force', client.settings.treaty or {}, settings)
    local params = { settings = client.settings }
    if has_011 then
      client:notify('workspace/didChangeConfiguration', params)
    else
      client.notify('workspace/didChangeConfiguration', params)
    end
    for b in pairs(client.attached_buffers) do
      refresh_lenses(b, true)
    end
  end
end

---------------------------------------------------------------------------
-- Restart and log
---------------------------------------------------------------------------

local start_buffer -- set below

--- :TreatyRestart: stops the treaty-lsp clients and starts them again on
--- the buffers they were attached to.
function M.restart()
  local buffers = {}
  local clients = M.clients()
  for _, client in ipairs(clients) do
    for b in pairs(client.attached_buffers) do
      buffers[b] = true
    end
    if has_011 then
      client:stop()
    else
      client.stop()
    end
  end
  local stopped = vim.wait(5000, function()
    for _, c in ipairs(clients) do
      local done
      if has_011 then
        done = c:is_stopped()
      else
        done = c.is_stopped()
      end
      if not done then
        return false
      end
    end
    return true
  end, 20)
  if not stopped then
    for _, c in ipairs(clients) do
      if has_011 then
        c:stop(true)
      else
        c.stop(true)
      end
    end
  end
  if next(buffers) == nil then
    buffers[vim.api.nvim_get_current_buf()] = true
  end
  for b in pairs(buffers) do
    if vim.api.nvim_buf_is_loaded(b) then
      start_buffer(b)
    end
  end
  notify(('restarted (%s stopped)'):format(count(#clients, 'client', 'clients')))
end

--- :TreatyLog: the LSP log (the server writes to stderr, which Neovim
--- records there) in a split, at its end.
function M.log()
  local path = vim.lsp.log.get_filename()
  vim.cmd('botright split ' .. vim.fn.fnameescape(path))
  vim.bo.autoread = true
  vim.cmd('normal! G')
end

---------------------------------------------------------------------------
-- Setup
---------------------------------------------------------------------------

local setup_group = vim.api.nvim_create_augroup('treaty.setup', { clear = true })

local function wants(bufnr, cfg)
  if vim.bo[bufnr].buftype ~= '' then
    return false
  end
  local ft = vim.bo[bufnr].filetype
  if not vim.tbl_contains(cfg.filetypes or { 'treaty' }, ft) then
    return false
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  return ft ~= 'toml'
    or name:match('%.positions%.toml$') ~= nil
    or name:match('%.correspondence%.toml$') ~= nil
end

-- Neovim 0.10 (or legacy = true): start the client from a FileType autocmd.
local function legacy_start(bufnr)
  local cfg = legacy_config
  if not cfg or not wants(bufnr, cfg) then
    return
  end
  local client_cfg = vim.tbl_extend('force', cfg, { name = M.name })
  -- A string or nil (no treaty.toml or .git: the file alone), never the
  -- 0.11 root_dir function of lsp/treaty_lsp.lua.
  client_cfg.root_dir = vim.fs.root(bufnr, cfg.root_markers or { 'treaty.toml', '.git' })
  client_cfg.filetypes, client_cfg.root_markers = nil, nil
  return vim.lsp.start(client_cfg, { bufnr = bufnr })
end

start_buffer = function(bufnr)
  if legacy_config then
    legacy_start(bufnr)
  else
    -- vim.lsp.enable() starts clients from FileType: run it again.
    vim.api.nvim_exec_autocmds('FileType', { buffer = bufnr, modeline = false })
  end
end

--- Configures and enables treaty-lsp. On Neovim 0.11+: vim.lsp.config()
--- and vim.lsp.enable(); on 0.10: a FileType autocmd with vim.lsp.start().
---@param opts? treaty.Opts
function M.setup(opts)
  opts = opts or {}
  M.opts = vim.tbl_extend('force', { codeLens = true }, opts)
  local cfg = config_from_opts(opts)

  vim.api.nvim_clear_autocmds({ group = setup_group })
  vim.api.nvim_create_autocmd('LspAttach', {
    group = setup_group,
    desc = 'treaty: code lenses on attach',
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if client then
        on_attach(client, args.buf)
      end
    end,
  })

  -- The server indexes the workspace (positions files, submissions) after
  -- it starts, reporting progress: lenses asked for before the end miss the
  -- positions, so ask again when an index run ends. (Neovim 0.11 has no
  -- handler for workspace/codeLens/refresh.)
  vim.api.nvim_create_autocmd('LspProgress', {
    group = setup_group,
    pattern = 'end',
    desc = 'treaty: code lenses after indexing',
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if client and client.name == M.name then
        for b in pairs(client.attached_buffers) do
          refresh_lenses(b, true)
        end
      end
    end,
  })

  if has_011 and not opts.legacy then
    legacy_config = nil
    vim.lsp.config(M.name, cfg)
    vim.lsp.enable(M.name)
    return
  end

  -- 0.10: the defaults from lsp/treaty_lsp.lua, then the options.
  legacy_config = vim.tbl_deep_extend('force', default_config(), cfg)
  if cfg.settings and cfg.settings.treaty and cfg.settings.treaty.stakeholders then
    legacy_config.settings.treaty.stakeholders = cfg.settings.treaty.stakeholders
    legacy_config.init_options.stakeholders = cfg.settings.treaty.stakeholders
  end
  vim.api.nvim_create_autocmd('FileType', {
    group = setup_group,
    pattern = legacy_config.filetypes or { 'treaty' },
    desc = 'treaty: start treaty-lsp',
    callback = function(args)
      legacy_start(args.buf)
    end,
  })
  -- Buffers already open when setup() runs.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) then
      legacy_start(b)
    end
  end
end

return M
