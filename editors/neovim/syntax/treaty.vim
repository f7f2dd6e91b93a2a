" Vim syntax file
" Language:    treaty drafts (*.treaty, *.treaty.md)
" Maintainer:  treaty-lsp
" A fallback only: with treaty-lsp attached, semantic tokens colour
" numbers, headings, references, defined terms and bracketed text.

if exists('b:current_syntax')
  finish
endif

syn case ignore
syn match  treatyHeading    /^\s\{0,3}#\{1,6}\s.*$/ contains=treatyArticle
syn match  treatyArticle    /\<\(article\|chapter\|part\|section\|annex\)\s\+[0-9IVXLC]\+\(\s\+\(bis\|ter\|quater\|quinquies\|sexies\)\)\=\>/
syn case match
syn match  treatyLabel      /^\s*\(\d\+\.\|([a-z]\{1,2})\|([ivxlc]\+)\)\s/
syn region treatyBracket    start=/\[/ end=/\]/ oneline contains=treatyBracket
syn region treatyFrontMatter start=/\%^---$/ end=/^\(---\|\.\.\.\)$/
syn region treatyComment    start=/<!--/ end=/-->/
syn match  treatyEmphasis   /\*[^* ][^*]*\*/

hi def link treatyHeading     Title
hi def link treatyArticle     Identifier
hi def link treatyLabel       Number
hi def link treatyBracket     Todo
hi def link treatyFrontMatter PreProc
hi def link treatyComment     Comment
hi def link treatyEmphasis    Special

let b:current_syntax = 'treaty'
