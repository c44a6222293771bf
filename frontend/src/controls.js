/* The ipywidgets controls the guide uses, and only those: @jupyter-widgets/controls' own modules, so every
   control looks and behaves as in JupyterLab. Its index brings in every control there is (video, audio, colour
   pickers, tabs, file upload, game controllers...): about 60 KB the guide never shows.
   tests/test_frontend.py checks that every widget the guide's kernel makes, in every step, mode and language,
   has its model and view here. A control added to the guide must be added here too. */
export * from "@jupyter-widgets/controls/lib/version";
export * from "@jupyter-widgets/controls/lib/widget_description"; // labels and their style
export * from "@jupyter-widgets/controls/lib/widget_box"; // Box, HBox, VBox
export * from "@jupyter-widgets/controls/lib/widget_bool"; // ToggleButton
export * from "@jupyter-widgets/controls/lib/widget_button"; // Button
export * from "@jupyter-widgets/controls/lib/widget_date"; // DatePicker
export * from "@jupyter-widgets/controls/lib/widget_int"; // IntSlider
export * from "@jupyter-widgets/controls/lib/widget_selection"; // Dropdown, RadioButtons, ToggleButtons
export * from "@jupyter-widgets/controls/lib/widget_string"; // HTML, Text, Textarea
