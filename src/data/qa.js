(function(){
var $=function(s){return Array.prototype.slice.call(document.querySelectorAll(s));};
function has(el,on){var k=(el.getAttribute('data-kinds')||'').split(' ');return k.some(function(x){return on[x];});}
function apply(){
 var on={};$('input.kind').forEach(function(i){on[i.value]=i.checked;});
 var onlyStories=document.getElementById('only-stories').checked;
 var onlyUnits=document.getElementById('only-units').checked;
 var q=document.getElementById('search').value.toLowerCase();
 $('.finding').forEach(function(f){f.classList.toggle('hidden',!on[f.getAttribute('data-kind')]);});
 $('td.text').forEach(function(td){td.classList.toggle('hit',has(td,on));});
 $('tr.unit').forEach(function(tr){tr.classList.toggle('hidden',onlyUnits&&!has(tr,on));});
 $('[data-story]').forEach(function(el){var name=el.getAttribute('data-story').toLowerCase();var show=(!q||name.indexOf(q)>=0||(el.tagName==='SECTION'&&el.textContent.toLowerCase().indexOf(q)>=0))&&(!onlyStories||has(el,on));el.classList.toggle('hidden',!show);});
 var shown=$('section.story:not(.hidden)').length;document.getElementById('shown').textContent=shown;document.documentElement.setAttribute('data-filtered',shown);
}
$('input').forEach(function(i){i.addEventListener('input',apply);i.addEventListener('change',apply);});
apply();
})();
