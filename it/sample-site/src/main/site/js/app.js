document.documentElement.classList.add("js");
//# sourceMappingURL=app.js.map
