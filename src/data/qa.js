(function(){
'use strict';
/* qa.html and the page `tmalign review` serves (body[data-edit]): filters, sorting, search,
 * views, keyboard; in the served page, corrections sent to the server. */
var $=function(s,root){return Array.prototype.slice.call((root||document).querySelectorAll(s));};
var byId=function(id){return document.getElementById(id);};
var editable=document.body.hasAttribute('data-edit');
var token=new URLSearchParams(location.search).get('token')||'';
var current=null, selected=-1;

/* A kind without a chip (none in the corpus's counts) is never filtered out. */
function has(el,on){var k=(el.getAttribute('data-kinds')||'').split(' ');return k.some(function(x){return x!==''&&on[x]!==false;});}
function kindsOn(){var on={};$('input.kind').forEach(function(i){on[i.value]=i.checked;});return on;}

/* ---- Filters and search -------------------------------------------------------------------- */
function escapeHtml(s){return s.replace(/[&<>"]/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c];});}
function highlight(q){
 var n=0;
 $('span.s').forEach(function(sp){
  var text=sp.textContent, low=text.toLowerCase();
  if(!q||low.indexOf(q)<0){if(sp.firstElementChild)sp.textContent=text;return;}
  var out='',at=0,i;
  while((i=low.indexOf(q,at))>=0){out+=escapeHtml(text.slice(at,i))+'<mark>'+escapeHtml(text.slice(i,i+q.length))+'</mark>';at=i+q.length;n++;}
  sp.innerHTML=out+escapeHtml(text.slice(at));
 });
 byId('matches').textContent=q?(n===1?'1 match':n+' matches'):'';
}
function apply(){
 var on=kindsOn();
 var onlyStories=byId('only-stories').checked, onlyUnits=byId('only-units').checked;
 var q=byId('search').value.toLowerCase();
 $('.finding').forEach(function(f){f.classList.toggle('hidden',on[f.getAttribute('data-kind')]===false);});
 $('td.text').forEach(function(td){td.classList.toggle('hit',has(td,on));});
 $('tr.unit').forEach(function(tr){tr.classList.toggle('hidden',onlyUnits&&!has(tr,on));});
 $('[data-story]').forEach(function(el){
  var name=el.getAttribute('data-story').toLowerCase();
  var show=(!q||name.indexOf(q)>=0||(el.tagName==='SECTION'&&el.textContent.toLowerCase().indexOf(q)>=0))&&(!onlyStories||has(el,on));
  el.classList.toggle('hidden',!show);
 });
 highlight(q);
 var shown=$('section.story:not(.hidden)').length;
 byId('shown').textContent=shown===1?'1 story':shown+' stories';
 document.documentElement.setAttribute('data-filtered',shown);
}

/* ---- Views: every language, or one pair's own alignment ------------------------------------ */
function showView(section){
 var v=byId('view')?byId('view').value:'';
 var tables=$('table.units',section);
 var want=tables.filter(function(t){return t.getAttribute('data-view')===v;})[0]||tables[0];
 tables.forEach(function(t){t.classList.toggle('hidden',t!==want);});
}
function applyView(){$('section.story').forEach(showView);focusRow(null);}

/* ---- The summary, sortable by any column, worst first ------------------------------------- */
function sortKey(td,text){
 if(text)return td.textContent.toLowerCase();
 var v=td.getAttribute('data-sort');
 return v!==null?parseFloat(v):parseFloat(td.textContent)||0;
}
function sortSummary(col,desc,text){
 var body=byId('summary').tBodies[0];
 var rows=Array.prototype.slice.call(body.rows);
 rows.sort(function(a,b){
  var x=sortKey(a.cells[col],text),y=sortKey(b.cells[col],text);
  if(x<y)return desc?1:-1;if(x>y)return desc?-1:1;return 0;
 });
 rows.forEach(function(r){body.appendChild(r);});
 $('#summary th').forEach(function(th,i){th.setAttribute('aria-sort',i===col?(desc?'descending':'ascending'):'none');});
}
function worstFirst(){
 /* The order qa.json ranks the stories in: not aligned, not a translation, then the larger share
  * of units under the threshold or of sentences unaligned, then findings per unit. */
 var body=byId('summary').tBodies[0];
 Array.prototype.slice.call(body.rows).sort(function(a,b){return (+a.getAttribute('data-rank'))-(+b.getAttribute('data-rank'));}).forEach(function(r){body.appendChild(r);});
 $('#summary th').forEach(function(th){th.setAttribute('aria-sort','none');});
}
$('#summary th').forEach(function(th,i){th.addEventListener('click',function(){
 var text=th.getAttribute('data-type')==='text';
 var desc=th.getAttribute('aria-sort')==='descending'?false:th.getAttribute('aria-sort')==='ascending'?true:!text;
 sortSummary(i,desc,text);
});});

/* ---- Moving: units, problems, sentences ---------------------------------------------------- */
function visibleRows(){return $('section.story:not(.hidden) table.units:not(.hidden) tr.unit:not(.hidden)');}
/* A unit with a finding or under the threshold, unless a reviewer approved or rejected it. */
function isProblem(tr){
 if(tr.classList.contains('rv-approved')||tr.classList.contains('rv-rejected'))return false;
 return (tr.getAttribute('data-kinds')||'')!==''||tr.classList.contains('lo');
}
function focusRow(tr){
 if(current)current.classList.remove('cur');
 $('span.s.sel').forEach(function(s){s.classList.remove('sel');});
 current=tr;selected=-1;
 if(!tr)return;
 tr.classList.add('cur');
 tr.scrollIntoView({block:'center'});
 status('');
}
function step(dir,problemsOnly){
 var rows=visibleRows(),i=rows.indexOf(current);
 for(var j=i+dir;j>=0&&j<rows.length;j+=dir){if(!problemsOnly||isProblem(rows[j])){focusRow(rows[j]);return;}}
 status(problemsOnly?'no more problems this way':'no more units this way');
}
/* The next unit shown that holds a match of the search, after the current one. */
function nextMatch(){
 var rows=[];
 $('mark').forEach(function(m){var tr=m.closest('tr.unit');if(tr&&rows.indexOf(tr)<0&&tr.offsetParent!==null)rows.push(tr);});
 if(!rows.length){status('no match in the units shown');return;}
 focusRow(rows[(rows.indexOf(current)+1)%rows.length]);
}
function selectSentence(dir){
 if(!current){step(1,false);return;}
 var spans=$('span.s',current);
 if(!spans.length)return;
 spans.forEach(function(s){s.classList.remove('sel');});
 selected=selected<0?(dir>0?0:spans.length-1):(selected+dir+spans.length)%spans.length;
 spans[selected].classList.add('sel');
}
function cycleView(){
 var v=byId('view');if(!v)return;
 v.selectedIndex=(v.selectedIndex+1)%v.options.length;
 applyView();status('view: '+v.options[v.selectedIndex].text);
}

/* ---- Help and status ------------------------------------------------------------------------ */
var KEYS=[['j ↓','next unit'],['k ↑','previous unit'],['n','next problem'],['p','previous problem'],
 ['h l ← →','select a sentence of the unit'],['v','next view (every language, each pair)'],['/','search (Enter: the next unit with a match)'],['?','this help'],['Esc','close, leave the search']];
var EDIT_KEYS=[['a','approve the unit'],['r','reject the unit (left out of every TMX)'],['J','join the unit with the next'],
 ['s','split the unit before the selected sentence'],['<','move the selected sentence to the unit above'],
 ['>','move the selected sentence to the unit below'],['u','undo the last decision of the story']];
function help(){
 var h=byId('help');
 if(h){h.remove();return;}
 h=document.createElement('div');h.id='help';
 var rows=KEYS.concat(editable?EDIT_KEYS:[]).map(function(k){return '<tr><th><kbd>'+escapeHtml(k[0])+'</kbd></th><td>'+escapeHtml(k[1])+'</td></tr>';}).join('');
 h.innerHTML='<div><h2>Keyboard</h2><table>'+rows+'</table><p>'+(editable?'Each decision is saved at once in the story\'s review file.':'Open this report with <code>tmalign review</code> to correct it.')+'</p></div>';
 h.addEventListener('click',function(){h.remove();});
 document.body.appendChild(h);
}
function status(msg,bad){var s=byId('status');if(s){s.textContent=msg;s.classList.toggle('bad',!!bad);}}

/* ---- Corrections (the served page only) ---------------------------------------------------- */
function tableOf(tr){return tr.closest('table.units');}
function langsOf(table){return $('tbody tr:first-child td.text',table).map(function(td){return td.getAttribute('data-lang');});}
function sideOf(tr,lang){var td=tr.querySelector('td.text[data-lang="'+lang+'"]');return td?$('span.s',td):[];}
/* A unit as the review file keeps it: each language's sentences, and the sentence before its
 * first, which tells one occurrence of the same sentences from another. */
function unitOf(table,sides,state){
 var u={status:state,sides:{},before:{}};
 langsOf(table).forEach(function(l){
  var all=$('td.text[data-lang="'+l+'"] span.s',table),s=sides[l]||[];
  u.sides[l]=s.map(function(x){return x.textContent;});
  var i=s.length?all.indexOf(s[0]):0;
  u.before[l]=i>0?all[i-1].textContent:'';
 });
 return u;
}
function sidesOf(tr){var o={};langsOf(tableOf(tr)).forEach(function(l){o[l]=sideOf(tr,l);});return o;}
function selectedSpan(){return current&&selected>=0?$('span.s',current)[selected]:null;}
function rowAfter(tr,dir){var rows=$('tr.unit',tableOf(tr)),i=rows.indexOf(tr)+dir;return rows[i]||null;}
function firstOf(tr,lang){var td=tr.querySelector('td.text[data-lang="'+lang+'"][data-first]');return td?+td.getAttribute('data-first'):0;}
/* Where the pair alignment of LANG with OTHER puts the border before LANG's sentence INDEX, as
 * OTHER's first sentence after it: {lo, hi}, a range where OTHER's sentences without a LANG
 * counterpart stand at the border (either side may take them), or null where a pair unit holds
 * INDEX and the sentence before it. */
function pairBorder(section,lang,index,other){
 var table=$('table.units',section).filter(function(t){var v=t.getAttribute('data-view');
  return v===lang+'-'+other||v===other+'-'+lang;})[0];
 if(!table)return null;
 var rows=$('tr.unit',table),cell=function(tr,l){return tr.querySelector('td.text[data-lang="'+l+'"][data-first]');};
 for(var i=0;i<rows.length;i++){
  var td=cell(rows[i],lang);
  if(!td)continue;
  var f=+td.getAttribute('data-first'),n=$('span.s',td).length;
  if(f<index&&index<f+n)return null;
  if(f!==index)continue;
  var hi=Infinity,lo;
  for(var k=i;k<rows.length&&hi===Infinity;k++)if(cell(rows[k],other))hi=+cell(rows[k],other).getAttribute('data-first');
  lo=hi;
  for(k=i-1;k>=0&&!cell(rows[k],lang)&&cell(rows[k],other);k--)lo=+cell(rows[k],other).getAttribute('data-first');
  return {lo:lo,hi:hi};
 }
 return null;
}
/* Where a split before sentence AT of LANG's side in row TR cuts each language's side: each other
 * language where its pair alignment with LANG puts the border; where that leaves a range, where
 * its pair alignment with a language already cut puts it; in proportion where no pair says. */
function splitCuts(tr,lang,at,sides){
 var section=tr.closest('section.story'),cuts={},ranges={},global={};
 global[lang]=firstOf(tr,lang)+at;
 Object.keys(sides).forEach(function(l){
  if(l===lang)return;
  var b=pairBorder(section,lang,global[lang],l);
  if(b&&b.lo===b.hi)global[l]=b.lo;else ranges[l]=b;
 });
 Object.keys(ranges).forEach(function(l){
  var r=ranges[l];
  Object.keys(global).some(function(k){
   var b=pairBorder(section,k,global[k],l);
   if(b&&b.lo===b.hi&&(!r||(b.lo>=r.lo&&b.lo<=r.hi)))global[l]=b.lo;
   return l in global;
  });
  if(!(l in global)&&r)global[l]=r.hi;
 });
 Object.keys(sides).forEach(function(l){
  cuts[l]=l in global?Math.max(0,Math.min(sides[l].length,global[l]-firstOf(tr,l))):
   Math.round(sides[l].length*at/sides[lang].length);
 });
 return cuts;
}
function decide(action){
 if(!current){status('choose a unit first (j, k, n)',true);return;}
 var table=tableOf(current),view=table.getAttribute('data-view'),units=[];
 var sel=selectedSpan(),lang=sel?sel.closest('td').getAttribute('data-lang'):null;
 if(action==='approve'||action==='reject'){
  units=[unitOf(table,sidesOf(current),action==='approve'?'approved':'rejected')];
 }else if(action==='join'){
  var next=rowAfter(current,1);if(!next){status('no unit below to join',true);return;}
  var a=sidesOf(current),b=sidesOf(next),j={};
  Object.keys(a).forEach(function(l){j[l]=a[l].concat(b[l]);});
  units=[unitOf(table,j,'linked')];
 }else if(action==='split'){
  if(!sel){status('select the sentence to split before (h, l)',true);return;}
  var sides=sidesOf(current),at=sides[lang].indexOf(sel);
  if(at<=0){status('select a sentence after the first of its side',true);return;}
  var first={},second={},cuts=splitCuts(current,lang,at,sides);
  Object.keys(sides).forEach(function(l){first[l]=sides[l].slice(0,cuts[l]);second[l]=sides[l].slice(cuts[l]);});
  units=[unitOf(table,first,'linked'),unitOf(table,second,'linked')];
 }else if(action==='move-up'||action==='move-down'){
  if(!sel){status('select the sentence to move (h, l)',true);return;}
  var up=action==='move-up',other=rowAfter(current,up?-1:1),mine=sidesOf(current);
  if(!other){status('no unit '+(up?'above':'below'),true);return;}
  var theirs=sidesOf(other),i=mine[lang].indexOf(sel);
  if(up?i!==0:i!==mine[lang].length-1){status('only the '+(up?'first':'last')+' sentence of a side moves '+(up?'up':'down'),true);return;}
  mine[lang]=mine[lang].filter(function(x){return x!==sel;});
  theirs[lang]=up?theirs[lang].concat([sel]):[sel].concat(theirs[lang]);
  units=up?[unitOf(table,theirs,'linked'),unitOf(table,mine,'linked')]:[unitOf(table,mine,'linked'),unitOf(table,theirs,'linked')];
 }
 send(current.closest('section.story'),{action:action,view:view,units:units});
}
var undoIds={};
function undo(){
 var section=current?current.closest('section.story'):null;
 if(!section){status('choose a unit of the story first',true);return;}
 var name=section.getAttribute('data-story'),ids=undoIds[name]||[];
 if(ids.length){send(section,{action:'undo',undoes:ids.pop()});return;}
 request('GET','api/story?name='+encodeURIComponent(name),null,function(r){
  if(!r.undo){status('nothing to undo in this story',true);return;}
  send(section,{action:'undo',undoes:r.undo});
 });
}
function request(method,url,body,done){
 var x=new XMLHttpRequest();
 x.open(method,url);
 x.setRequestHeader('X-Tmalign-Token',token);
 if(body)x.setRequestHeader('Content-Type','application/json');
 x.onload=function(){
  var r={};try{r=JSON.parse(x.responseText);}catch(e){r={error:'the server sent something that is not JSON'};}
  if(x.status!==200){status(r.error||('refused: HTTP '+x.status),true);return;}
  done(r);
 };
 x.onerror=function(){status('cannot reach tmalign review; is it still running?',true);};
 x.send(body?JSON.stringify(body):null);
}
function send(section,decision){
 var name=section.getAttribute('data-story');
 var table=current&&section.contains(current)?tableOf(current):null;
 var view=table?table.getAttribute('data-view'):'',row=current?$('tr.unit',table).indexOf(current):-1;
 status('saving…');
 request('POST','api/decision?story='+encodeURIComponent(name),decision,function(r){
  if(decision.action!=='undo'&&r.id)(undoIds[name]=undoIds[name]||[]).push(r.id);
  replaceStory(section,r.html);
  var fresh=byId(section.id),t=fresh.querySelector('table.units[data-view="'+view+'"]')||fresh.querySelector('table.units');
  var rows=$('tr.unit',t);
  focusRow(rows[Math.min(Math.max(row,0),rows.length-1)]||null);
  status(decision.action==='undo'?'undone':'saved: '+decision.action);
 });
}
function replaceStory(section,html){
 var t=document.createElement('template');t.innerHTML=html;
 var fresh=t.content.firstElementChild;
 section.replaceWith(fresh);
 showView(fresh);apply();progress();
}
/* A story's row in the summary after a correction, and how much of the corpus is reviewed. */
function column(key){return $('#summary th').map(function(th){return th.getAttribute('data-key');}).indexOf(key);}
function progress(){
 var done=0,all=0,cols={units:column('units'),low:column('low'),incomplete:column('incomplete'),reviewed:column('reviewed')};
 $('section.story').forEach(function(s){
  var get=function(k){return +s.getAttribute('data-'+k);};
  var r=get('reviewed'),n=get('units');done+=r;all+=n;
  var row=document.querySelector('#summary tr[data-story="'+CSS.escape(s.getAttribute('data-story'))+'"]');
  if(!row||row.classList.contains('failed'))return;
  row.cells[cols.units].textContent=n;
  row.cells[cols.reviewed].textContent=r+' of '+n;row.cells[cols.reviewed].setAttribute('data-sort',n?r/n:0);
  ['low','incomplete'].forEach(function(k){var c=row.cells[cols[k]],v=n?get(k)/n:0;c.textContent=Math.round(100*v)+'%';c.setAttribute('data-sort',v.toFixed(6));});
 });
 var card=byId('progress');
 if(card){card.querySelector('b').textContent=Math.round(all?100*done/all:0)+'%';card.querySelector('span').textContent='reviewed: '+done+' of '+all+' units';}
}

/* ---- Keys ---------------------------------------------------------------------------------- */
document.addEventListener('keydown',function(e){
 if(e.ctrlKey||e.metaKey||e.altKey)return;
 var inField=/^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName);
 if(e.key==='Escape'){if(byId('help'))help();if(inField)e.target.blur();return;}
 if(inField){if(e.key==='Enter'&&e.target.id==='search'){e.target.blur();nextMatch();}return;}
 var act={'j':function(){step(1,false);},'ArrowDown':function(){step(1,false);},'k':function(){step(-1,false);},'ArrowUp':function(){step(-1,false);},
  'n':function(){step(1,true);},'p':function(){step(-1,true);},'N':function(){step(-1,true);},
  'l':function(){selectSentence(1);},'ArrowRight':function(){selectSentence(1);},'h':function(){selectSentence(-1);},'ArrowLeft':function(){selectSentence(-1);},
  'v':cycleView,'/':function(){byId('search').focus();},'?':help};
 if(editable){
  act.a=function(){decide('approve');};act.r=function(){decide('reject');};act.J=function(){decide('join');};
  act.s=function(){decide('split');};act['<']=function(){decide('move-up');};act['>']=function(){decide('move-down');};act.u=undo;
 }
 if(act[e.key]){e.preventDefault();act[e.key]();}
});
document.addEventListener('click',function(e){
 var sp=e.target.closest('span.s'),tr=e.target.closest('tr.unit');
 if(!tr)return;
 if(tr!==current)focusRow(tr);
 if(sp){var spans=$('span.s',tr);spans.forEach(function(s){s.classList.remove('sel');});selected=spans.indexOf(sp);sp.classList.add('sel');}
});

/* ---- Start ---------------------------------------------------------------------------------- */
if(editable){
 var bar=document.createElement('div');bar.id='editbar';
 bar.innerHTML=[['approve','a'],['reject','r'],['join','J'],['split','s'],['move-up','<'],['move-down','>'],['undo','u']].map(function(b){
  return '<button type="button" data-act="'+b[0]+'">'+b[0].replace('-',' ')+' <kbd>'+escapeHtml(b[1])+'</kbd></button>';}).join('')+'<span id="status"></span>';
 bar.addEventListener('click',function(e){var b=e.target.closest('button');if(!b)return;var a=b.getAttribute('data-act');if(a==='undo')undo();else decide(a);});
 document.body.appendChild(bar);
}else{
 var st=document.createElement('span');st.id='status';byId('controls').appendChild(st);
}
/* The summary's sticky header sits under the filter bar, whose height depends on the window. */
function barHeight(){document.documentElement.style.setProperty('--bar',byId('controls').offsetHeight+'px');}
window.addEventListener('resize',barHeight);
byId('help-button').addEventListener('click',help);
$('input').forEach(function(i){i.addEventListener('input',apply);i.addEventListener('change',apply);});
if(byId('view'))byId('view').addEventListener('change',applyView);
worstFirst();applyView();apply();barHeight();
})();
