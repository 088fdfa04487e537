// The cabinet's one script: the resend button's countdown. Pages work without it.
document.querySelectorAll("button[data-wait]").forEach((button) => {
  let left = Number(button.dataset.wait);
  const label = button.textContent;
  const tick = () => {
    if (left > 0) {
      button.disabled = true;
      button.textContent = `${label} (через ${left} с)`;
      left -= 1;
      setTimeout(tick, 1000);
    } else {
      button.disabled = false;
      button.textContent = label;
    }
  };
  tick();
});
