# An HTML page is read as the text a reader sees (issue 22): no <!DOCTYPE>, navigation, header,
# footer or script reaches the TMX, entities are decoded (&#x27; is an apostrophe), <br><br>
# parts paragraphs, a no-break space stays one, and each <tuv> says x-source-format html.
mkdir -p en ru
cat > en/s.html <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Site title</title>
<script>var menu = "<p>Menu</p>";</script></head>
<body><header><a href="/">News site</a><nav><a href="/world">World</a></nav></header>
<main><article><h1>Defense chief&#x27;s visit</h1>
<p>Shoygu met Hasanov in Moscow on Wednesday. They talked about weapons &amp; training.</p>
<aside>Related: another story</aside></article></main>
<footer>&copy; 2016 News site</footer></body></html>
HTML
cat > ru/s.html <<'HTML'
<html><head><meta charset="utf-8"></head><body>
<div role="navigation">Главная | Мир</div>
<div class="text">Визит министра обороны<br><br>Шойгу встретился с Гасановым в Москве в среду. Они
говорили об оружии и&nbsp;подготовке.</div>
<div role="contentinfo">&copy; 2016</div></body></html>
HTML
"$TMALIGN" align en/s.html ru/s.html -o s.tmx || exit 1
python3 "$TMA_SOURCE_DIR/tests/tmx-segs.py" s.tmx > segs.txt || exit 1
diff -u - segs.txt >&2 <<'END' || exit 1
en "Defense chief's visit"
ru "Визит министра обороны"

en "Shoygu met Hasanov in Moscow on Wednesday."
ru "Шойгу встретился с Гасановым в Москве в среду."

en "They talked about weapons & training."
ru "Они говорили об оружии и подготовке."

END
test "$(xmllint --xpath "count(//tuv/prop[@type='x-source-format'][text()='html'])" s.tmx)" = 6 ||
    { echo "not every <tuv> says x-source-format html" >&2; exit 1; }
! grep -q -i -e doctype -e 'News site' -e Menu -e Главная s.tmx || { echo "page furniture in the TMX" >&2; exit 1; }
