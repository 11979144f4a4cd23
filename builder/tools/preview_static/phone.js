/* Preview only: "Phone width" narrows the course to 375 px, as a phone shows it, and back. */
(function () {
  'use strict';
  var button = document.getElementById('phone');
  if (!button) return;
  button.addEventListener('click', function () {
    var on = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', String(on));
    document.querySelector('.preview').classList.toggle('phone', on);
  });
})();
