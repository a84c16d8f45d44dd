# 200 KB of nothing but punctuation: accepted and aligned in bounded time. Such "sentences"
# hold no words; what matters is that the command ends, with a well-formed TMX.
mkdir -p en ru
python3 -c "open('en/s.txt', 'w').write('.!?…,;:-()\"' * 20000)"
python3 -c "open('ru/s.txt', 'w').write('. ' * 100000)"
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx || exit 1
python3 "$TMA_SOURCE_DIR/tests/tmx-segs.py" s.tmx > /dev/null || exit 1
